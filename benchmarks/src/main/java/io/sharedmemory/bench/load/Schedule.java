package io.sharedmemory.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * The phases of a load: for each value size a {@code set} phase, then a {@code get} phase.
 * The harness and every worker compute the same schedule from the same settings and a shared
 * start instant.
 *
 * @param sizes the value sizes, in bytes
 * @param firstWarmupNanos the warm-up of the first phase, which also pays for class loading and JIT
 * @param warmupNanos the warm-up of each later phase
 * @param measureNanos the measured window of each phase
 */
public record Schedule(List<Integer> sizes, long firstWarmupNanos, long warmupNanos, long measureNanos) {

    /**
     * Lays the phases out from a start instant.
     * @param start the {@link System#nanoTime()} at which the first warm-up begins
     * @return the phases in order
     */
    public List<Phase> phases(long start) {
        List<Phase> phases = new ArrayList<>();
        long at = start;
        for (int size : this.sizes) {
            for (Op op : List.of(Op.SET, Op.GET)) {
                long warmup = phases.isEmpty() ? this.firstWarmupNanos : this.warmupNanos;
                Phase phase = new Phase(op, size, at, at + warmup, at + warmup + this.measureNanos);
                phases.add(phase);
                at = phase.measureEnd();
            }
        }
        return phases;
    }

    /**
     * How long all phases take.
     * @return nanoseconds
     */
    public long totalNanos() {
        List<Phase> phases = phases(0);
        return phases.get(phases.size() - 1).measureEnd();
    }

    /**
     * Encodes the schedule as worker arguments.
     * @return {@code key=value} arguments
     */
    public List<String> toArguments() {
        return List.of("sizes=" + String.join(",", this.sizes.stream().map(String::valueOf).toList()),
                "firstWarmup=" + this.firstWarmupNanos, "warmup=" + this.warmupNanos,
                "measure=" + this.measureNanos);
    }

    /**
     * Decodes the schedule from worker arguments.
     * @param arguments the arguments
     * @return the schedule
     */
    public static Schedule fromArguments(WorkerArguments arguments) {
        List<Integer> sizes = arguments.list("sizes").stream().map(Integer::valueOf).toList();
        return new Schedule(sizes, arguments.longValue("firstWarmup"), arguments.longValue("warmup"),
                arguments.longValue("measure"));
    }
}
