package io.sharedmemory.bench.inprocess;

import java.util.Locale;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sharedmemory.actuate.SharedMemoryMetrics;
import io.sharedmemory.core.StoreObserver;
import io.sharedmemory.core.internal.ObservedCalls;

/**
 * What the meters add to one call, alone: {@link ObservedCalls} around an empty call, with the
 * starter's {@link SharedMemoryMetrics} on a {@link SimpleMeterRegistry} and with no observer,
 * from 1 and from 8 threads. A child's call costs 7–20 µs here; this is the part of it the
 * meters are. Run: {@code java -cp "benchmarks/target/classes:benchmarks/target/lib/*"
 * io.sharedmemory.bench.inprocess.MeterCostProbe}.
 */
public final class MeterCostProbe {

    private static final int CALLS = 2_000_000;

    private static final int ROUNDS = 5;

    private MeterCostProbe() {
    }

    /**
     * Prints ns per call, the best of {@value #ROUNDS} rounds, for each case.
     * @param args none
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        System.out.println(measure());
    }

    /**
     * The probe's figures as one line for the benchmark's notes, or why there are none.
     * @return the line
     */
    public static String describe() {
        try {
            return "meters alone (MeterCostProbe, in the harness JVM): " + measure();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return "meters alone: not measured (interrupted)";
        }
    }

    private static String measure() throws InterruptedException {
        SharedMemoryMetrics metrics = new SharedMemoryMetrics();
        metrics.bindTo(new SimpleMeterRegistry());
        StringBuilder line = new StringBuilder();
        for (int threads : new int[] { 1, 8 }) {
            double plain = best(new ObservedCalls(StoreObserver.NONE), threads);
            double metered = best(new ObservedCalls(metrics), threads);
            line.append(String.format(Locale.ROOT, "%s%d thread(s) %.1f ns a call without meters, %.1f with (+%.1f ns)",
                    line.length() == 0 ? "" : "; ", threads, plain, metered, metered - plain));
        }
        return line.toString();
    }

    /** CPU-seconds of all threads spread over the calls: wall time × threads ÷ calls, best round. */
    private static double best(ObservedCalls calls, int threads) throws InterruptedException {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            Thread[] workers = new Thread[threads];
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                workers[t] = new Thread(() -> {
                    for (int i = 0; i < CALLS / threads; i++) {
                        calls.call("get", () -> "value");
                    }
                }, "meter-cost-" + t);
                workers[t].start();
            }
            for (Thread worker : workers) {
                worker.join();
            }
            // Two cores: with more threads than cores, wall time × cores is the CPU they shared.
            double nanos = (System.nanoTime() - start) * (double) Math.min(threads, Runtime.getRuntime().availableProcessors())
                    / CALLS;
            best = Math.min(best, nanos);
        }
        return best;
    }
}
