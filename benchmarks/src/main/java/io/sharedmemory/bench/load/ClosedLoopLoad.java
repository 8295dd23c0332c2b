package io.sharedmemory.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

import io.sharedmemory.bench.Shape;

/**
 * Drives a {@link KvTarget} from N threads, each calling one operation after another (a closed
 * loop: no pipelining, the next call starts when the previous returned). Each thread times every
 * call of the measured window into its own histogram, so recording costs no synchronisation.
 */
public final class ClosedLoopLoad {

    private final KvTarget target;
    private final int threads;
    private final Shape.Mode mode;
    private final int depth;
    private final int commandsPerCall;

    /**
     * @param target the system under load
     * @param shape this JVM's caller threads and how each of them calls
     */
    public ClosedLoopLoad(KvTarget target, Shape shape) {
        this.target = target;
        this.threads = shape.threads();
        this.mode = shape.mode();
        this.depth = shape.depth();
        this.commandsPerCall = shape.commandsPerCall();
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
                        operations[p] *= this.commandsPerCall;
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

    private long runPhase(KvConnection connection, Phase phase, Histogram histogram, int offset) {
        String[] keys = Values.keys(phase.valueSize());
        String value = Values.value(phase.valueSize());
        boolean get = phase.op() == Op.GET;
        int next = offset;
        waitUntil(phase.warmupStart());
        // Warm-up: same calls, not recorded.
        while (System.nanoTime() < phase.measureStart()) {
            next = call(connection, get, keys, next, value);
        }
        long operations = 0;
        long end = phase.measureEnd();
        long start = System.nanoTime();
        while (start < end) {
            next = call(connection, get, keys, next, value);
            long done = System.nanoTime();
            histogram.recordValue(Math.min(done - start, PhaseResult.MAX_NANOS));
            operations++;
            start = done;
        }
        return operations;
    }

    /** Makes one measured call from key {@code next} on; returns the next key's index. */
    private int call(KvConnection connection, boolean get, String[] keys, int next, String value) {
        if (this.mode == Shape.Mode.CLOSED) {
            call(connection, get, keys[next & (Values.KEY_COUNT - 1)], value);
            return next + 1;
        }
        String[] window = new String[this.depth];
        for (int i = 0; i < this.depth; i++) {
            window[i] = keys[(next + i) & (Values.KEY_COUNT - 1)];
        }
        if (this.mode == Shape.Mode.PIPELINED) {
            connection.pipelined(get, window, value);
        }
        else {
            connection.batch(get, window, value);
        }
        return next + this.depth;
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
