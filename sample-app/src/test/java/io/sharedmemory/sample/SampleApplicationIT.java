package io.sharedmemory.sample;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the packaged sample exactly as the README does ({@code java -jar sample-app.jar}): main
 * starts three children from the same executable jar, they share the twelve jobs, and main
 * prints the summary and exits 0.
 */
class SampleApplicationIT {

    @Test
    void executableJarRunsMainAndThreeChildrenToTheSummary() throws Exception {
        Path jar = Path.of(System.getProperty("sample.jar", "target/sample-app.jar"));
        assertThat(jar).exists();
        SampleRun run = SampleRun.run(List.of(SampleRun.java(), "-jar", jar.toString()));
        assertThat(run.exitCode).as(run.output).isZero();
        // Primes below 600,000: every job was done exactly once, whoever did it.
        assertThat(run.output)
            .contains("SUMMARY jobs=12 processed=12 received=12 children=3 primes=49098 perChild={child-1=")
            // Children speak to main (main's listeners print them) ...
            .containsPattern("main    \\| child-[123] says: ready \\(pid \\d+\\)")
            .containsPattern("main    \\| result: job 12 by child-[123]")
            // ... and main speaks to the children (their listeners print it, prefixed by the launcher).
            .contains("[child-1] main says: all 12 jobs are done, goodbye")
            .contains("[child-2] main says: all 12 jobs are done, goodbye")
            .contains("[child-3] main says: all 12 jobs are done, goodbye")
            // Main changes a configuration key every child watches: each logs old -> new.
            .contains("[child-1] config sample.config.mode: working -> finishing")
            .contains("[child-2] config sample.config.mode: working -> finishing")
            .contains("[child-3] config sample.config.mode: working -> finishing")
            .contains("main    | every child saw sample.config.mode change");
    }
}
