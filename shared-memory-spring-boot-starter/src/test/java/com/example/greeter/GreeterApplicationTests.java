package com.example.greeter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Keeps the README's example honest: the same code, run against the real store.
 */
@ExtendWith(OutputCaptureExtension.class)
class GreeterApplicationTests {

    @Test
    void readmeExampleGreets(CapturedOutput output) throws IOException {
        Path directory = Files.createTempDirectory(Path.of("/tmp"), "smt");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(GreeterApplication.class)
            .web(WebApplicationType.NONE)
            .run("--shared-memory.role=main", "--shared-memory.codec.trusted-packages=com.example.greeter",
                    "--shared-memory.socket-path=" + directory.resolve("s.sock"))) {
            context.getBean(Greeter.class).greet("Ada");
            await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("Hello Ada (visit 1)"));
        }
        finally {
            FileSystemUtils.deleteRecursively(directory);
        }
    }
}
