package io.sharedmemory.spring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.sharedmemory.autoconfigure.SharedMemoryAutoConfiguration;
import io.sharedmemory.core.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests {@link ChildProcessLauncher} with small shell commands standing in for child JVMs.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChildProcessLauncherTests {

    private Path directory;

    private Path socket;

    private ChildProcessLauncher launcher;

    @BeforeEach
    void setUp() throws IOException {
        this.directory = Files.createTempDirectory(Path.of("/tmp"), "smt");
        this.socket = this.directory.resolve("s.sock");
        this.launcher = new ChildProcessLauncher(this.socket, new ApplicationCommand(null, null), Duration.ofSeconds(5));
    }

    @AfterEach
    void tearDown() throws IOException {
        this.launcher.destroy();
        FileSystemUtils.deleteRecursively(this.directory);
    }

    @Test
    void givenCommandLearnsRoleAndSocketFromTheEnvironmentAndItsOutputIsPrefixed(CapturedOutput output)
            throws Exception {
        ChildProcess child = this.launcher.launch(ChildProcessSpec.builder()
            .name("worker")
            .command(List.of("sh", "-c", "echo role=$SHARED_MEMORY_ROLE path=$SHARED_MEMORY_SOCKET_PATH "
                    + "arg=$0 extra=$EXTRA; echo oops >&2"))
            .args("hello")
            .environment("EXTRA", "42")
            .build());
        assertThat(child.name()).isEqualTo("worker");
        assertThat(child.pid()).isPositive();
        assertThat(child.onExit().get(10, TimeUnit.SECONDS)).isZero();
        await().atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThat(output.getOut())
                .contains("[worker] role=child path=" + this.socket + " arg=hello extra=42")
                .contains("[worker] oops"));
    }

    @Test
    void everyChildLearnsItsParentsPidEvenIfItsSpecSaysOtherwise(CapturedOutput output) throws Exception {
        ChildProcess child = this.launcher.launch(ChildProcessSpec.builder()
            .name("orphan")
            .command(List.of("sh", "-c", "echo parent=$SHARED_MEMORY_CHILD_PARENT_PID"))
            .environment(ChildProcessLauncher.PARENT_PID_VARIABLE, "1")
            .build());
        assertThat(child.onExit().get(10, TimeUnit.SECONDS)).isZero();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
            .contains("[orphan] parent=" + ProcessHandle.current().pid()));
    }

    @Test
    void childrenAreNumberedWhenUnnamed() throws Exception {
        ChildProcess first = this.launcher.launch(quiet("true"));
        ChildProcess second = this.launcher.launch(quiet("true"));
        assertThat(first.name()).isEqualTo("child-1");
        assertThat(second.name()).isEqualTo("child-2");
        first.onExit().get(10, TimeUnit.SECONDS);
        second.onExit().get(10, TimeUnit.SECONDS);
    }

    @Test
    void stopEndsAChildThatExitsOnRequest() throws Exception {
        ChildProcess child = this.launcher.launch(quiet("exec sleep 60"));
        assertThat(child.isAlive()).isTrue();
        assertThat(this.launcher.getChildren()).containsExactly(child);
        child.stop();
        assertThat(child.isAlive()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> this.launcher.getChildren().isEmpty());
    }

    @Test
    void stopKillsAChildThatIgnoresTheRequestAfterTheGracePeriod(CapturedOutput output) {
        ChildProcess child = this.launcher.launch(ChildProcessSpec.builder()
            .name("stubborn")
            .command(List.of("sh", "-c", "trap '' TERM; echo ready; while true; do sleep 0.1; done"))
            .build());
        await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("[stubborn] ready"));
        long started = System.nanoTime();
        child.stop(Duration.ofMillis(500));
        assertThat(child.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(output).contains("did not exit within PT0.5S; killing it");
    }

    @Test
    void stopAllStopsEveryChild() {
        ChildProcess first = this.launcher.launch(quiet("exec sleep 60"));
        ChildProcess second = this.launcher.launch(quiet("exec sleep 60"));
        this.launcher.stopAll();
        assertThat(first.isAlive()).isFalse();
        assertThat(second.isAlive()).isFalse();
        assertThat(this.launcher.getChildren()).isEmpty();
    }

    @Test
    void destroyedLauncherRefusesToLaunch() {
        this.launcher.destroy();
        assertThatIllegalStateException().isThrownBy(() -> this.launcher.launch(quiet("true")));
    }

    @Test
    void contextCloseStopsTheChildren() {
        AtomicReference<ChildProcess> child = new AtomicReference<>();
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SharedMemoryAutoConfiguration.class))
            .withBean(KeyValueStore.class, FakeKeyValueStore::new)
            .withPropertyValues("shared-memory.socket-path=" + this.socket)
            .run((context) -> {
                child.set(context.getBean(ChildProcessLauncher.class).launch(quiet("exec sleep 60")));
                assertThat(child.get().isAlive()).isTrue();
            });
        assertThat(child.get().isAlive()).isFalse();
    }

    private static ChildProcessSpec quiet(String script) {
        return ChildProcessSpec.builder()
            .command(List.of("sh", "-c", script))
            .output(ChildProcessSpec.Output.DISCARD)
            .build();
    }
}
