package io.sharedmemory.bench.load;

/**
 * One timed step of a load: a warm-up, then a measured window, both at absolute
 * {@link System#nanoTime()} instants. {@code nanoTime} reads {@code CLOCK_MONOTONIC} on Linux,
 * which every process of the machine shares, so workers in several JVMs measure the same window.
 *
 * @param op the operation
 * @param valueSize the value size in bytes
 * @param warmupStart when the warm-up starts
 * @param measureStart when measuring starts
 * @param measureEnd when measuring ends
 */
public record Phase(Op op, int valueSize, long warmupStart, long measureStart, long measureEnd) {

    /**
     * The measured window.
     * @return its length in seconds
     */
    public double measureSeconds() {
        return (this.measureEnd - this.measureStart) / 1e9;
    }
}
