package io.sharedmemory.bench.large;

import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

import io.sharedmemory.bench.load.PhaseResult;

/**
 * What a large-store worker measures once the harness says go: one read of the whole store to
 * warm up, then {@code rounds} reads, each timed, each checked to return every key.
 */
public final class LargeStoreWorker {

    private LargeStoreWorker() {
    }

    /**
     * Reads the store whole, over and over.
     * @param target the loaded store
     * @param keys the keys it holds
     * @param rounds measured reads
     * @param start the instant ({@link System#nanoTime()}) to start at
     * @return the reads and their latencies, as phase 0
     * @throws Exception if a read fails or misses keys
     */
    public static PhaseResult measure(LargeTarget target, int keys, int rounds, long start) throws Exception {
        long wait;
        while ((wait = start - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        check(target.readAll(), keys);
        Histogram latencies = PhaseResult.newHistogram();
        for (int round = 0; round < rounds; round++) {
            long began = System.nanoTime();
            int read = target.readAll();
            latencies.recordValue(Math.min(PhaseResult.MAX_NANOS, System.nanoTime() - began));
            check(read, keys);
        }
        return new PhaseResult(0, rounds, latencies);
    }

    private static void check(int read, int keys) {
        if (read != keys) {
            throw new IllegalStateException("read " + read + " entries of " + keys);
        }
    }
}
