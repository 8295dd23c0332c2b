package io.sharedmemory.sample;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample from a plain class path (as an IDE or {@code spring-boot:run} does): the
 * launcher then starts children with this class path and the application's main class.
 */
class SampleApplicationTests {

    @Test
    void sampleRunFromClassPathFinishesWithSummary() throws Exception {
        SampleRun run = SampleRun.run(List.of(SampleRun.java(), "-cp", System.getProperty("java.class.path"),
                SampleApplication.class.getName(), "--sample.jobs=6", "--sample.children=2",
                "--sample.work-delay=50ms"));
        assertThat(run.exitCode).as(run.output).isZero();
        // Primes below 300,000.
        assertThat(run.output).contains("SUMMARY jobs=6 processed=6 received=6 children=2 primes=25997")
            .contains("[child-1] main says:")
            .contains("[child-2] main says:")
            .contains("[child-1] config sample.config.mode: working -> finishing")
            .contains("[child-2] config sample.config.mode: working -> finishing");
    }

    @Test
    void jobCountsItsPrimes() {
        assertThat(new Job(1, 0, 100).countPrimes()).isEqualTo(25);
        assertThat(new Job(2, 100, 200).countPrimes()).isEqualTo(21);
    }
}
