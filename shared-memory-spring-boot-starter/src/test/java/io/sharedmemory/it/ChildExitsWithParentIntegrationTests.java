package io.sharedmemory.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.sharedmemory.it.orphan.child.OrphanChildApplication;
import io.sharedmemory.it.orphan.parent.LaunchingParentApplication;
import io.sharedmemory.spring.ApplicationCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A parent JVM (main role) launches a child JVM through {@code ChildProcessLauncher}; the test
 * kills the parent with SIGKILL, which runs none of its shutdown code, and the child must end by
 * itself, closing its context, unless {@code shared-memory.child.exit-with-parent=false}.
 */
class ChildExitsWithParentIntegrationTests {

    /** Start-up of two JVMs on a loaded machine. */
    private static final Duration START = Duration.ofSeconds(120);

    /** The JDK notices a non-child's exit within about 5 s; the child then closes its context. */
    private static final Duration EXIT = Duration.ofSeconds(60);

    private Path directory;

    private Process parent;

    private long childPid;

    @BeforeEach
    void folder() throws IOException {
        this.directory = Files.createTempDirectory(Path.of("/tmp"), "smo");
    }

    @AfterEach
    void cleanUp() {
        if (this.parent != null) {
            this.parent.destroyForcibly();
        }
        if (this.childPid != 0) {
            ProcessHandle.of(this.childPid).ifPresent(ProcessHandle::destroyForcibly);
        }
        FileSystemUtils.deleteRecursively(this.directory.toFile());
    }

    @Test
    void aChildEndsByItselfWhenItsParentIsKilled() throws Exception {
        launch(List.of());
        this.parent.destroyForcibly().waitFor();
        await().atMost(EXIT).pollInterval(Duration.ofMillis(200)).until(() -> !isRunning(this.childPid));
        assertThat(this.directory.resolve("closed")).as("the child closed its context").exists();
    }

    @Test
    void aChildWithExitWithParentOffOutlivesItsParent() throws Exception {
        launch(List.of("--shared-memory.child.exit-with-parent=false"));
        this.parent.destroyForcibly().waitFor();
        // Long enough for the JDK to notice the exit (its first check is after 0.3 s) several times.
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(20)).until(() -> isRunning(this.childPid));
        assertThat(this.directory.resolve("closed")).doesNotExist();
        ProcessHandle.of(this.childPid).ifPresent(ProcessHandle::destroyForcibly);
        await().atMost(EXIT).until(() -> !isRunning(this.childPid));
    }

    /** Starts the parent, which launches the child; returns once the child's context is up. */
    private void launch(List<String> extraChildArgs) throws IOException {
        Path pidFile = this.directory.resolve("child.pid");
        List<String> childArgs = new ArrayList<>(List.of("--it.ready-file=" + this.directory.resolve("ready"),
                "--it.closed-file=" + this.directory.resolve("closed")));
        childArgs.addAll(extraChildArgs);
        this.parent = new ProcessBuilder(ApplicationCommand.javaExecutable(), "-cp",
                System.getProperty("java.class.path"), LaunchingParentApplication.class.getName(),
                "--shared-memory.socket-path=" + this.directory.resolve("s.sock"),
                "--shared-memory.launcher.main-class=" + OrphanChildApplication.class.getName(),
                "--it.pid-file=" + pidFile, "--it.child-args=" + String.join(",", childArgs))
            .redirectErrorStream(true)
            .redirectOutput(this.directory.resolve("parent.log").toFile())
            .start();
        await().atMost(START).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(this.parent.isAlive()).as("parent alive; its log: %s", log()).isTrue();
            return Files.exists(pidFile);
        });
        this.childPid = Long.parseLong(Files.readString(pidFile).trim());
        await().atMost(START).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(isRunning(this.childPid)).as("child alive; the log: %s", log()).isTrue();
            return Files.exists(this.directory.resolve("ready"));
        });
    }

    /** Alive and not a zombie: an orphan's exit status may wait for a reaper that never comes. */
    private static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The state follows the command name, which is in parentheses and may hold spaces.
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        }
        catch (IOException ex) {
            return false;
        }
    }

    private String log() {
        try {
            return Files.readString(this.directory.resolve("parent.log"));
        }
        catch (IOException ex) {
            return "(no log: " + ex + ")";
        }
    }
}
