package io.sharedmemory.bench.process;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

import io.sharedmemory.bench.load.Phase;

/**
 * The CPU time that the processes of one row use in each measured window: read at the start
 * and the end of each window by a thread of its own, from the same monotonic clock the workers
 * time their windows with ({@code System.nanoTime} is {@code CLOCK_MONOTONIC} in every JVM).
 */
public final class CpuWindows {

    private final List<Long> pids;

    private final List<Phase> phases;

    private final long[] used;

    private final Thread sampler;

    private CpuWindows(List<Long> pids, List<Phase> phases) {
        this.pids = List.copyOf(pids);
        this.phases = List.copyOf(phases);
        this.used = new long[phases.size()];
        this.sampler = new Thread(this::run, "cpu-sampler");
        this.sampler.setDaemon(true);
    }

    /**
     * Starts sampling.
     * @param pids every process of the row: clients and server
     * @param phases the windows, at their absolute instants
     * @return the sampler, running
     */
    public static CpuWindows start(List<Long> pids, List<Phase> phases) {
        CpuWindows windows = new CpuWindows(pids, phases);
        windows.sampler.start();
        return windows;
    }

    private void run() {
        for (int p = 0; p < this.phases.size(); p++) {
            waitUntil(this.phases.get(p).measureStart());
            long start = CpuTime.of(this.pids);
            waitUntil(this.phases.get(p).measureEnd());
            this.used[p] = CpuTime.of(this.pids) - start;
        }
    }

    /**
     * CPU per operation of one window, once the windows are over.
     * @param phase the window's index
     * @param operations operations completed in it
     * @return µs per operation, {@code NaN} if nothing was measured
     */
    public double microsPerOp(int phase, long operations) {
        try {
            this.sampler.join(5_000);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return (operations > 0 && this.used[phase] > 0) ? this.used[phase] / 1000.0 / operations : Double.NaN;
    }

    private static void waitUntil(long instant) {
        long left;
        while ((left = instant - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
