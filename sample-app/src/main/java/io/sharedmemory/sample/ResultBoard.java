package io.sharedmemory.sample;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.sharedmemory.spring.SharedMemoryListener;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Main's listeners: prints what the children publish as it arrives and keeps the tally.
 */
@Component
@ConditionalOnProperty(prefix = "sample", name = "part", havingValue = "coordinator", matchIfMissing = true)
class ResultBoard {

    private final Set<Long> jobsReceived = ConcurrentHashMap.newKeySet();

    private final AtomicLong primes = new AtomicLong();

    /**
     * Receives a result; the child published a Map, the starter hands over a record.
     * @param result the result
     */
    @SharedMemoryListener(Channels.RESULTS)
    void onResult(JobResult result) {
        this.primes.addAndGet(result.primes());
        this.jobsReceived.add(result.job());
        System.out.printf("main    | result: job %2d by %s -> %,d primes (%d ms)%n", result.job(), result.worker(),
                result.primes(), result.millis());
        synchronized (this) {
            notifyAll();
        }
    }

    /**
     * Receives what children say about themselves, on {@code sample.worker.<name>}.
     * @param channel the channel, naming the child
     * @param message what it says
     */
    @SharedMemoryListener(patterns = Channels.WORKER_PREFIX + "*")
    void onWorkerNews(String channel, String message) {
        System.out.printf("main    | %s says: %s%n", channel.substring(Channels.WORKER_PREFIX.length()), message);
    }

    /**
     * Waits until results for {@code jobs} distinct jobs have arrived.
     * @param jobs how many results to wait for
     * @param timeout the longest wait
     * @return {@code true} if they all arrived in time
     * @throws InterruptedException if interrupted while waiting
     */
    synchronized boolean awaitResults(int jobs, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (this.jobsReceived.size() < jobs) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** @return the number of distinct jobs whose result arrived */
    int received() {
        return this.jobsReceived.size();
    }

    /** @return the primes found, summed over the results received */
    long primes() {
        return this.primes.get();
    }
}
