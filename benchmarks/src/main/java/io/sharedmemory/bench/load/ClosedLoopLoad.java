package io.sharedmemory.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * Drives a {@link KvTarget} from N threads, each calling one operation after another (a closed
 * loop: no pipelining, the next call starts when the previous returned). Each thread times every
 * call of the measured window into its own histogram, so recording costs no synchronisation.
 */
public final class ClosedLoopLoad {

    private final KvTarget target;
    private final int threads;

    /**
     * @param target the system under load
     * @param threads caller threads in this JVM
     */
    public ClosedLoopLoad(KvTarget target, int threads) {
        this.target = target;
        this.threads = threads;
    }

    /**
     * Stores every key of every size once, so that {@code get} phases read real values.
     * @param sizes value sizes
     * @throws Exception if the target fails
     */
    public void preload(List<Integer> sizes) throws Exception {
        try (KvConnection connection = this.target.connect()) {
            for (int size : sizes) {
                String value = Values.value(size);
                for (String key : Values.keys(size)) {
                    connection.set(key, value);
                }
            }
        }
    }

    /**
     * Runs the phases and merges the threads' measurements.
     * @param phases the schedule
     * @return one result per phase
     * @throws Exception the first failure of any thread
     */
    public List<PhaseResult> run(List<Phase> phases) throws Exception {
        List<Histogram[]> perThread = new ArrayList<>();
        List<long[]> counts = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < this.threads; t++) {
            Histogram[] histograms = new Histogram[phases.size()];
            long[] operations = new long[phases.size()];
            perThread.add(histograms);
            counts.add(operations);
            int offset = t * 31;
            Thread worker = new Thread(() -> {
                try (KvConnection connection = this.target.connect()) {
                    for (int p = 0; p < phases.size(); p++) {
                        histograms[p] = PhaseResult.newHistogram();
                        operations[p] = runPhase(connection, phases.get(p), histograms[p], offset);
                    }
                }
                catch (Throwable ex) {
                    failure.compareAndSet(null, ex);
                }
            }, "load-" + t);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a load thread failed: " + failure.get(), failure.get());
        }
        List<PhaseResult> results = new ArrayList<>();
        for (int p = 0; p < phases.size(); p++) {
            Histogram merged = PhaseResult.newHistogram();
            long operations = 0;
            for (int t = 0; t < this.threads; t++) {
                merged.add(perThread.get(t)[p]);
                operations += counts.get(t)[p];
            }
            results.add(new PhaseResult(p, operations, merged));
        }
        return results;
    }

    private static long runPhase(KvConnection connection, Phase phase, Histogram histogram, int offset) {
        String[] keys = Values.keys(phase.valueSize());
        String value = Values.value(phase.valueSize());
        boolean get = phase.op() == Op.GET;
        int next = offset;
        waitUntil(phase.warmupStart());
        // Warm-up: same calls, not recorded.
        while (System.nanoTime() < phase.measureStart()) {
            call(connection, get, keys[next++ & (Values.KEY_COUNT - 1)], value);
        }
        long operations = 0;
        long end = phase.measureEnd();
        long start = System.nanoTime();
        while (start < end) {
            call(connection, get, keys[next++ & (Values.KEY_COUNT - 1)], value);
            long done = System.nanoTime();
            histogram.recordValue(Math.min(done - start, PhaseResult.MAX_NANOS));
            operations++;
            start = done;
        }
        return operations;
    }

    private static void call(KvConnection connection, boolean get, String key, String value) {
        if (get) {
            if (connection.get(key) == null) {
                throw new IllegalStateException("no value under " + key);
            }
        }
        else {
            connection.set(key, value);
        }
    }

    private static void waitUntil(long instant) {
        long left;
        while ((left = instant - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
