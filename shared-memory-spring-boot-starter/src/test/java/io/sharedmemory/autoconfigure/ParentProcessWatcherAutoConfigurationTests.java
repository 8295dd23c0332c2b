package io.sharedmemory.autoconfigure;

import java.nio.file.Path;
import java.util.Map;

import io.sharedmemory.spring.ParentProcessWatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the auto-configuration watches the process that launched this one. The "parent" is this
 * test JVM's real parent (the build), alive for the whole test and never waited out here: the
 * watcher's real action would exit the JVM.
 */
class ParentProcessWatcherAutoConfigurationTests {

    private static final long PARENT = ProcessHandle.current().parent().orElseThrow().pid();

    @TempDir
    Path directory;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SharedMemoryAutoConfiguration.class))
            .withPropertyValues("shared-memory.socket-path=" + this.directory.resolve("s.sock"));
    }

    @Test
    void aProcessNoLauncherStartedWatchesNothing() {
        runner().run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ParentProcessWatcher.class));
    }

    @Test
    void aLaunchedChildWatchesItsParentByDefault() {
        runner().withPropertyValues("shared-memory.role=child", "shared-memory.child.parent-pid=" + PARENT)
            .run((context) -> {
                ParentProcessWatcher watcher = context.getBean(ParentProcessWatcher.class);
                assertThat(watcher.getParentPid()).isEqualTo(PARENT);
                assertThat(watcher.isRunning()).isTrue();
            });
    }

    @Test
    void thePidArrivesInTheVariableTheLauncherSets() {
        runner().withInitializer((context) -> context.getEnvironment().getPropertySources()
            .addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment",
                    Map.of("SHARED_MEMORY_CHILD_PARENT_PID", Long.toString(PARENT)))))
            .run((context) -> assertThat(context.getBean(ParentProcessWatcher.class).getParentPid()).isEqualTo(PARENT));
    }

    @Test
    void exitWithParentFalseTurnsItOff() {
        runner().withPropertyValues("shared-memory.child.parent-pid=" + PARENT, "shared-memory.child.exit-with-parent=false")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ParentProcessWatcher.class));
    }

    @Test
    void aParentPidThatIsNotANumberFailsStartupNamingTheProperty() {
        runner().withPropertyValues("shared-memory.child.parent-pid=main")
            .run((context) -> assertThat(context.getStartupFailure())
                .hasStackTraceContaining("shared-memory.child.parent-pid"));
    }

    @Test
    void theStarterOffWatchesNothing() {
        runner().withPropertyValues("shared-memory.enabled=false", "shared-memory.child.parent-pid=" + PARENT)
            .run((context) -> assertThat(context).doesNotHaveBean(ParentProcessWatcher.class));
    }
}
