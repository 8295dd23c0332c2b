package io.sharedmemory.it.orphan.parent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.sharedmemory.spring.ChildProcess;
import io.sharedmemory.spring.ChildProcessLauncher;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A main-role JVM that the test starts and later kills with SIGKILL: it launches one child with
 * {@code it.child-args} and writes the child's pid to {@code it.pid-file}.
 */
@SpringBootApplication
public class LaunchingParentApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(LaunchingParentApplication.class);
        application.setKeepAlive(true);
        application.run(args);
    }

    @Bean
    ApplicationRunner launchChild(ChildProcessLauncher launcher, @Value("${it.child-args}") List<String> childArgs,
            @Value("${it.pid-file}") Path pidFile) {
        return (args) -> {
            ChildProcess child = launcher.launch(childArgs.toArray(String[]::new));
            Path written = Files.writeString(pidFile.resolveSibling(pidFile.getFileName() + ".tmp"),
                    Long.toString(child.pid()));
            // Moved into place whole, so the test never reads half a number.
            Files.move(written, pidFile);
        };
    }
}
