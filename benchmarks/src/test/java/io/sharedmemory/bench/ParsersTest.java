package io.sharedmemory.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.sharedmemory.bench.load.Op;
import io.sharedmemory.bench.load.PhaseResult;
import io.sharedmemory.bench.load.Schedule;

/** The text formats the harness reads from its workers and tools. */
class ParsersTest {

    @Test
    void phaseResultSurvivesTheLineFormat() {
        PhaseResult result = new PhaseResult(3, 1234, PhaseResult.newHistogram());
        result.latencies().recordValue(15_000);
        result.latencies().recordValue(40_000);
        PhaseResult back = PhaseResult.fromLine(result.toLine());
        assertThat(back.index()).isEqualTo(3);
        assertThat(back.operations()).isEqualTo(1234);
        assertThat(back.latencies().getTotalCount()).isEqualTo(2);
        assertThat(back.latencies().getMaxValue()).isEqualTo(result.latencies().getMaxValue());
    }

    @Test
    void scheduleRunsSetThenGetPerSizeBackToBack() {
        Schedule schedule = new Schedule(List.of(32, 4096), 100, 10, 50);
        assertThat(schedule.phases(1000)).extracting(phase -> phase.op() + "/" + phase.valueSize())
                .containsExactly("SET/32", "GET/32", "SET/4096", "GET/4096");
        assertThat(schedule.phases(0).get(1).warmupStart()).isEqualTo(150);
        assertThat(schedule.totalNanos()).isEqualTo(150 + 3 * 60);
    }

    @Test
    void redisBenchmarkCsv() throws Exception {
        String csv = """
                "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
                "SET","52631.58","0.017","0.008","0.015","0.023","0.039","0.655"
                "GET","55555.56","0.016","0.008","0.015","0.023","0.031","0.303"
                """;
        var rows = io.sharedmemory.bench.redis.RedisBenchmarkRunnerAccess.parse(csv);
        assertThat(rows.get(Op.SET).opsPerSecond()).isEqualTo(52631.58);
        assertThat(rows.get(Op.GET).p99Micros()).isEqualTo(31.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void cpuTimeOfAProcessComesFromProc() {
        long pid = ProcessHandle.current().pid();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long before = io.sharedmemory.bench.process.CpuTime.of(java.util.List.of(pid));
        long threadBefore = threads.getCurrentThreadCpuTime();
        long spin = System.nanoTime() + 200_000_000L;
        double sink = 0;
        while (System.nanoTime() < spin) {
            sink += Math.sqrt(sink + 1);
        }
        long spent = threads.getCurrentThreadCpuTime() - threadBefore;
        long after = io.sharedmemory.bench.process.CpuTime.of(java.util.List.of(pid));
        // On a loaded machine the spin gets only part of a core: compare with the CPU this thread
        // really got (the JVM's count), less two of /proc's 10 ms clock ticks at the edges.
        org.assertj.core.api.Assertions.assertThat(spent).as("the spinning thread's own CPU time").isPositive();
        org.assertj.core.api.Assertions.assertThat(after - before).as("200 ms of spinning (%s)", sink)
            .isGreaterThanOrEqualTo(spent - 20_000_000L);
        org.assertj.core.api.Assertions.assertThat(io.sharedmemory.bench.process.CpuTime.of(java.util.List.of(-1L)))
            .isZero();
    }
}
