package io.sharedmemory.sample;

import java.time.Duration;
import java.util.Map;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.SharedMemoryStore;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * A child's program: takes jobs from the shared store until none are left, publishes each
 * result, then waits for main's goodbye. Jobs are claimed with an atomic increment, so no two
 * children ever take the same one.
 */
@Component
@ConditionalOnProperty(prefix = "sample", name = "part", havingValue = "worker")
class Worker implements ApplicationRunner {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private final KeyValueStore store;

    private final WorkerControl control;

    private final SampleProperties properties;

    Worker(KeyValueStore store, WorkerControl control, SampleProperties properties) {
        this.store = store;
        this.control = control;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        String name = this.properties.getWorkerName();
        awaitConnection();
        String endpoint = (this.store instanceof SharedMemoryStore shared) ? shared.endpoint() : "the store";
        System.out.printf("connected to %s as %s (pid %d)%n", endpoint, name, ProcessHandle.current().pid());
        this.store.publish(Channels.WORKER_PREFIX + name, "ready (pid " + ProcessHandle.current().pid() + ")");
        long total = ((Number) this.store.get(Channels.JOBS_TOTAL)).longValue();
        int done = 0;
        for (long id = this.store.increment(Channels.JOBS_NEXT, 1); id <= total;
                id = this.store.increment(Channels.JOBS_NEXT, 1)) {
            work(name, (Job) this.store.get(Channels.job(id)));
            done++;
        }
        this.store.publish(Channels.WORKER_PREFIX + name, "no jobs left; I did " + done);
        if (!this.control.awaitGoodbye(this.properties.getTimeout())) {
            System.out.println("main never said goodbye; leaving anyway");
        }
    }

    private void work(String name, Job job) throws InterruptedException {
        long started = System.nanoTime();
        long primes = job.countPrimes();
        Thread.sleep(this.properties.getWorkDelay().toMillis());
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("job %2d: %,d primes in [%,d, %,d)%n", job.id(), primes, job.from(), job.to());
        this.store.increment(Channels.JOBS_PROCESSED, 1);
        this.store.increment(Channels.STATS_PREFIX + name, 1);
        // A plain Map: main's listener declares JobResult and the starter converts it.
        this.store.publish(Channels.RESULTS, Map.of("job", job.id(), "worker", name, "primes", primes,
                "millis", millis));
    }

    private void awaitConnection() throws InterruptedException {
        if (!(this.store instanceof SharedMemoryStore shared)) {
            return;
        }
        // The child store connects in the background; calls made before that would fail.
        long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
        while (!shared.isAvailable()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The store is not reachable at " + shared.endpoint());
            }
            Thread.sleep(20);
        }
    }
}
