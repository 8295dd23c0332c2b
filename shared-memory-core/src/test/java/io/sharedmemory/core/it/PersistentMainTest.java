package io.sharedmemory.core.it;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sharedmemory.core.PersistenceSettings;
import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryException;
import io.sharedmemory.core.SharedMemoryStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** A persisting main across real processes: its directory lock, and what a restarted main serves. */
class PersistentMainTest {

    @TempDir
    Path folder;

    @Test
    void aDirectoryAnotherLiveMainHoldsIsRefusedNamingIt() throws Exception {
        Path data = this.folder.resolve("data");
        try (AgentProcess main = persistingMain(this.folder.resolve("a.sock"), data, "snapshot")) {
            assertThat(main.call("set k v")).isEqualTo("OK");
            assertThatExceptionOfType(SharedMemoryException.class)
                    .isThrownBy(() -> SharedMemory.builder().socketPath(this.folder.resolve("b.sock"))
                            .persistenceMode(PersistenceSettings.Mode.LOG).persistenceDirectory(data).startMain())
                    .withMessageContaining(data.toString()).withMessageContaining("another live main");
        }
    }

    @Test
    void aMainKilledWithSigkillFreesItsDirectoryAndItsSuccessorServesItsWritesToChildren() throws Exception {
        Path socket = this.folder.resolve("m.sock");
        Path data = this.folder.resolve("data");
        AgentProcess first = persistingMain(socket, data, "log");
        try (AgentProcess child = AgentProcess.child(socket)) {
            assertThat(child.call("set kept value")).isEqualTo("OK");
            assertThat(child.call("setttl short s 600000")).isEqualTo("OK");
            assertThat(child.call("incr n 7")).isEqualTo("LONG 7");
            first.kill9();
            try (AgentProcess second = persistingMain(socket, data, "log")) {
                await().atMost(Duration.ofSeconds(15)).until(() -> child.call("available").equals("BOOL true"));
                assertThat(child.call("get kept")).isEqualTo("VALUE java.lang.String value");
                assertThat(child.call("get short")).isEqualTo("VALUE java.lang.String s");
                assertThat(child.call("incr n 1")).isEqualTo("LONG 8");
            }
        }
        finally {
            first.close();
        }
        // Closed cleanly this time: an in-process main restores it too.
        try (SharedMemoryStore third = SharedMemory.builder().socketPath(socket)
                .persistenceMode(PersistenceSettings.Mode.LOG).persistenceDirectory(data).startMain()) {
            assertThat(third.get("n")).isEqualTo(8L);
        }
    }

    private static AgentProcess persistingMain(Path socket, Path data, String mode) throws Exception {
        return AgentProcess.launch("main", socket)
                .jvmOptions("-D" + Agent.PERSISTENCE_MODE_PROPERTY + "=" + mode,
                        "-D" + Agent.PERSISTENCE_DIRECTORY_PROPERTY + "=" + data, "-D" + Agent.FSYNC_PROPERTY + "=always")
                .start();
    }
}
