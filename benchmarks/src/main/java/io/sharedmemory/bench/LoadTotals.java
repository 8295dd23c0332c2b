package io.sharedmemory.bench;

import org.HdrHistogram.Histogram;

import io.sharedmemory.bench.load.PhaseResult;

/**
 * One system's figures for each phase of a schedule, summed over one or more loads of it:
 * operations, measured seconds, CPU time and every latency. A row made from several loads is
 * their pooled figures (total operations ÷ total time, percentiles of all latencies), so loads
 * taken in turn with another system's average out a drift of the machine between them.
 * {@link #add} is also a {@link Sink}.
 */
final class LoadTotals {

    private final long[] operations;
    private final double[] seconds;
    private final double[] cpuMicros;
    private final boolean[] cpuMeasured;
    private final Histogram[] latencies;

    /** Where one load's figures of one phase go. */
    @FunctionalInterface
    interface Sink {
        /** @see LoadTotals#add */
        void add(int phase, long ops, double measuredSeconds, Histogram merged, double cpuMicrosPerOp);
    }

    LoadTotals(int phases) {
        this.operations = new long[phases];
        this.seconds = new double[phases];
        this.cpuMicros = new double[phases];
        this.cpuMeasured = new boolean[phases];
        this.latencies = new Histogram[phases];
        for (int p = 0; p < phases; p++) {
            this.latencies[p] = PhaseResult.newHistogram();
            this.cpuMeasured[p] = true;
        }
    }

    /**
     * Adds one load's figures for one phase.
     * @param cpuMicrosPerOp CPU µs per operation of that load, {@code NaN} if not measured
     */
    void add(int phase, long ops, double measuredSeconds, Histogram merged, double cpuMicrosPerOp) {
        this.operations[phase] += ops;
        this.seconds[phase] += measuredSeconds;
        this.latencies[phase].add(merged);
        if (Double.isNaN(cpuMicrosPerOp)) {
            this.cpuMeasured[phase] = false;
        }
        else {
            this.cpuMicros[phase] += cpuMicrosPerOp * ops;
        }
    }

    /** The row of one phase. */
    Measurement row(int phase, Scenario scenario, SystemUnderTest system, String note) {
        long ops = this.operations[phase];
        Histogram h = this.latencies[phase];
        double cpu = (this.cpuMeasured[phase] && ops > 0) ? this.cpuMicros[phase] / ops : Double.NaN;
        return new Measurement(scenario, system, ops / this.seconds[phase], h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, note, cpu);
    }
}
