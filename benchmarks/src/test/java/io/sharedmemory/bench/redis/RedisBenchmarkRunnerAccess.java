package io.sharedmemory.bench.redis;

import java.io.IOException;
import java.util.Map;

import io.sharedmemory.bench.load.Op;

/** Opens the package-private CSV parser to tests in other packages. */
public final class RedisBenchmarkRunnerAccess {

    private RedisBenchmarkRunnerAccess() {
    }

    /**
     * @param csv redis-benchmark output
     * @return the parsed rows
     * @throws IOException if a test is missing
     */
    public static Map<Op, RedisBenchmarkRunner.Row> parse(String csv) throws IOException {
        return RedisBenchmarkRunner.parse(csv);
    }
}
