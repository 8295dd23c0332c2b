package io.sharedmemory.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.it.child.ChildTestApplication;
import io.sharedmemory.it.main.MainTestApplication;
import io.sharedmemory.it.main.MainTestApplication.ReplyCollector;
import io.sharedmemory.spring.ApplicationCommand;
import io.sharedmemory.spring.ChildProcess;
import io.sharedmemory.spring.ChildProcessLauncher;
import io.sharedmemory.spring.ChildProcessSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * Starts real child Spring Boot JVMs with the auto-configured {@link ChildProcessLauncher} and
 * checks they connect to this main process and are stopped with its context.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChildProcessLauncherIntegrationTests {

    private Path directory;

    private Path socket;

    private ConfigurableApplicationContext main;

    @BeforeEach
    void startMain() throws IOException {
        this.directory = Files.createTempDirectory(Path.of("/tmp"), "smt");
        this.socket = this.directory.resolve("s.sock");
        this.main = new SpringApplicationBuilder(MainTestApplication.class).web(WebApplicationType.NONE)
            .run("--shared-memory.socket-path=" + this.socket,
                    "--shared-memory.launcher.main-class=" + ChildTestApplication.class.getName());
    }

    @AfterEach
    void stopMain() throws IOException {
        // Closing the context stops any child a failed test left behind.
        this.main.close();
        FileSystemUtils.deleteRecursively(this.directory);
    }

    @Test
    void launchedChildConnectsAndIsStoppedWhenTheContextCloses(CapturedOutput output) {
        ChildProcess child = launcher().launch(ChildProcessSpec.builder().name("kid").build());
        assertThat(child.isAlive()).isTrue();
        awaitEcho("from launcher");
        assertThat(collector().replies).anySatisfy((reply) -> assertThat(reply.pid()).isEqualTo(child.pid()));
        // The child's own log lines reach our output, prefixed with its name.
        assertThat(output.getOut()).contains("[kid] ");
        assertThat(launcher().getChildren()).containsExactly(child);

        this.main.close();
        assertThat(child.isAlive()).isFalse();
        assertThat(this.socket).doesNotExist();
    }

    @Test
    void childWithAGivenCommandTakesRoleAndSocketFromTheEnvironment() {
        ChildProcess child = launcher().launch(ChildProcessSpec.builder()
            .command(List.of(ApplicationCommand.javaExecutable(), "-cp", System.getProperty("java.class.path"),
                    ChildTestApplication.class.getName()))
            .output(ChildProcessSpec.Output.DISCARD)
            .build());
        awaitEcho("from env");
        child.stop();
        assertThat(child.isAlive()).isFalse();
        assertThat(launcher().getChildren()).isEmpty();
    }

    private void awaitEcho(String text) {
        KeyValueStore store = this.main.getBean(KeyValueStore.class);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            store.publish("it.to-child", text);
            assertThat(collector().hasText("child got " + text)).isTrue();
        });
    }

    private ChildProcessLauncher launcher() {
        return this.main.getBean(ChildProcessLauncher.class);
    }

    private ReplyCollector collector() {
        return this.main.getBean(ReplyCollector.class);
    }
}
