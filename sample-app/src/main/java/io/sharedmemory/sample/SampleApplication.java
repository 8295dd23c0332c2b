package io.sharedmemory.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The shared-memory sample. Run without arguments it is the main process: it posts jobs to the
 * shared store, launches three copies of itself as children, prints their results as they are
 * published, and ends with a summary. Each child (started with {@code sample.part=worker}, and
 * {@code shared-memory.role=child}, or {@code redis} when the sample runs in the redis role) takes
 * jobs from the store until none are left, publishes what it found, and exits when main says so.
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleProperties.class)
public class SampleApplication {

    /**
     * Runs the sample in the role given by {@code shared-memory.role} (main by default) and exits
     * with the application's exit code once its work is done.
     * @param args Spring Boot arguments, such as {@code --sample.jobs=20}
     */
    public static void main(String[] args) {
        // Both roles are finite programs: run, then leave with the exit code the runners decided.
        System.exit(SpringApplication.exit(SpringApplication.run(SampleApplication.class, args)));
    }
}
