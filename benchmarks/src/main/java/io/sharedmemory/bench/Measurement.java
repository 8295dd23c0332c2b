package io.sharedmemory.bench;

/**
 * One row of the table: a system's figures for a scenario, or why there are none.
 *
 * @param scenario what was measured
 * @param system who was measured
 * @param opsPerSecond operations (or delivered messages) per second, {@code NaN} if none
 * @param p50Micros median latency in µs, {@code NaN} if not measured
 * @param p99Micros 99th percentile latency in µs, {@code NaN} if not measured
 * @param note a remark, or why the row has no figures; empty if none
 * @param cpuMicrosPerOp CPU time (user + system) of every process of the row, clients and server,
 *        per operation, in µs; {@code NaN} if not measured
 * @param bytesPerKey memory of the server per key held ({@link Scenario.Kind#MEMORY} rows), {@code NaN}
 *        for other rows
 */
public record Measurement(Scenario scenario, SystemUnderTest system, double opsPerSecond, double p50Micros,
        double p99Micros, String note, double cpuMicrosPerOp, double bytesPerKey) {

    /**
     * A row of throughput and latency.
     * @param scenario what was measured
     * @param system who was measured
     * @param opsPerSecond operations per second
     * @param p50Micros median latency in µs
     * @param p99Micros 99th percentile latency in µs
     * @param note a remark
     * @param cpuMicrosPerOp CPU time per operation in µs, {@code NaN} if not measured
     */
    public Measurement(Scenario scenario, SystemUnderTest system, double opsPerSecond, double p50Micros,
            double p99Micros, String note, double cpuMicrosPerOp) {
        this(scenario, system, opsPerSecond, p50Micros, p99Micros, note, cpuMicrosPerOp, Double.NaN);
    }

    /**
     * A row whose CPU time was not measured.
     * @param scenario what was measured
     * @param system who was measured
     * @param opsPerSecond operations per second
     * @param p50Micros median latency in µs
     * @param p99Micros 99th percentile latency in µs
     * @param note a remark
     */
    public Measurement(Scenario scenario, SystemUnderTest system, double opsPerSecond, double p50Micros,
            double p99Micros, String note) {
        this(scenario, system, opsPerSecond, p50Micros, p99Micros, note, Double.NaN);
    }

    /**
     * A row of memory per key.
     * @param scenario a {@link Scenario.Kind#MEMORY} scenario
     * @param system who was measured
     * @param bytesPerKey bytes per key
     * @param note how it was measured
     * @return the row
     */
    public static Measurement memory(Scenario scenario, SystemUnderTest system, double bytesPerKey, String note) {
        return new Measurement(scenario, system, Double.NaN, Double.NaN, Double.NaN, note, Double.NaN, bytesPerKey);
    }

    /**
     * A row without figures.
     * @param scenario the scenario
     * @param system the system
     * @param reason why (e.g. {@code redis-server not installed})
     * @return the row
     */
    public static Measurement missing(Scenario scenario, SystemUnderTest system, String reason) {
        return new Measurement(scenario, system, Double.NaN, Double.NaN, Double.NaN, reason);
    }

    /**
     * Whether the row has a throughput.
     * @return {@code true} if measured
     */
    public boolean measured() {
        return !Double.isNaN(this.opsPerSecond) || !Double.isNaN(this.bytesPerKey);
    }
}
