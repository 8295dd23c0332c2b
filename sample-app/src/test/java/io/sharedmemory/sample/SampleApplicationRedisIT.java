package io.sharedmemory.sample;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.sharedmemory.redis.TestRedisServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the packaged sample in the redis role against a real redis-server, as the README shows:
 * the same demo, unchanged, with every process a client of Redis. Run twice on the same Redis,
 * so a second run starts from a clean slate.
 */
class SampleApplicationRedisIT {

    @Test
    void executableJarRunsTheSameDemoOnRedisTwice() throws Exception {
        Path jar = Path.of(System.getProperty("sample.jar", "target/sample-app.jar"));
        try (TestRedisServer redis = TestRedisServer.start()) {
            List<String> command = new ArrayList<>(List.of(SampleRun.java(), "-jar", jar.toString(),
                    "--shared-memory.role=redis"));
            command.addAll(redis.springArguments());
            for (int run = 1; run <= 2; run++) {
                SampleRun result = SampleRun.run(command);
                assertThat(result.exitCode).as(result.output).isZero();
                assertThat(result.output)
                    .contains("shared memory (redis role) is up on redis 127.0.0.1:" + redis.port())
                    .contains("SUMMARY jobs=12 processed=12 received=12 children=3 primes=49098 perChild={child-1=")
                    .containsPattern("\\[child-[123]\\] connected to redis 127.0.0.1:\\d+ as child-[123]")
                    .contains("[child-1] config sample.config.mode: working -> finishing")
                    .contains("[child-2] config sample.config.mode: working -> finishing")
                    .contains("[child-3] config sample.config.mode: working -> finishing")
                    .contains("main    | every child saw sample.config.mode change")
                    .contains("[child-3] main says: all 12 jobs are done, goodbye");
            }
        }
    }
}
