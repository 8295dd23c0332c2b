package io.sharedmemory.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the whole harness for a moment so that it cannot rot. It checks that every row was
 * measured or knowingly skipped (Redis and Python are optional here), never how fast anything is.
 */
class BenchmarkSmokeTest {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyRowIsMeasuredOrSkippedWithAReason() throws Exception {
        // JMH refuses to run while another JMH run on the machine holds its lock; a smoke test
        // measures nothing, so it need not wait for a quiet machine.
        System.setProperty("jmh.ignoreLock", "true");
        Comparison.Report report = new Comparison(BenchOptions.quick()).run();
        List<Measurement> rows = report.table().measurements();

        assertThat(rows).allSatisfy(row -> assertThat(row.note()).as(row.scenario().label() + " / " + row.system())
                .doesNotStartWith("failed"));
        assertThat(rows).filteredOn(row -> !row.measured())
                .allSatisfy(row -> assertThat(row.note()).startsWith("skipped: "));
        // A redis-server is always at hand (the machine's, or the one embedded-redis ships).
        assertThat(rows).filteredOn(row -> row.system() == SystemUnderTest.SHARED_MEMORY
                || row.system() == SystemUnderTest.SHARED_MEMORY_REDIS || row.system() == SystemUnderTest.LETTUCE_SHARED
                || row.system() == SystemUnderTest.SHARED_MEMORY_LOG_ALWAYS || row.system() == SystemUnderTest.REDIS_AOF_ALWAYS)
                .isNotEmpty().allSatisfy(row -> assertThat(row.measured()).as(row.toString()).isTrue());
        assertThat(rows).extracting(Measurement::system)
                .contains(SystemUnderTest.FLOOR, SystemUnderTest.FLOOR_BUSY_POLL, SystemUnderTest.CONCURRENT_HASH_MAP, SystemUnderTest.PYTHON_MANAGER,
                        SystemUnderTest.REDIS_BENCHMARK, SystemUnderTest.LETTUCE_SHARED, SystemUnderTest.SHARED_MEMORY_REDIS,
                        SystemUnderTest.REDIS_PUB_SUB, SystemUnderTest.SHARED_MEMORY_WATCHED_ELSEWHERE,
                        SystemUnderTest.SHARED_MEMORY_WATCHED, SystemUnderTest.SHARED_MEMORY_LOG_EVERYSEC,
                        SystemUnderTest.SHARED_MEMORY_LOG_NO, SystemUnderTest.REDIS_AOF_EVERYSEC, SystemUnderTest.REDIS_AOF_NO);
        assertThat(BenchmarkMain.render(report)).contains("| scenario | system | ops/s").contains("Targets met:");
    }

    @Test
    void optionsParse() {
        BenchOptions options = BenchOptions.parse("--quick", "--measure", "0.5", "--shapes", "1x1,4x8", "--no-redis");
        assertThat(options.measureSeconds()).isEqualTo(0.5);
        assertThat(options.shapes()).containsExactly(new Shape(1, 1), new Shape(4, 8));
        assertThat(options.redis()).isFalse();
        assertThat(new Shape(4, 8).label()).isEqualTo("4 JVMs × 8 threads");
        assertThat(Shape.parse("1x1p16")).isEqualTo(new Shape(1, 1, Shape.Mode.PIPELINED, 16));
        assertThat(Shape.parse("1x1b100").label()).isEqualTo("1 thread, batches of 100 keys");
        assertThat(Shape.parse("1x1p16").commandsPerCall()).isEqualTo(16);
    }
}
