package io.sharedmemory.core.it;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sharedmemory.core.InvalidSocketPathException;
import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.SocketInUseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The socket file and its folder: modes, stale files, live mains, length limits, clean-up. */
class SocketFilesTest {

    @TempDir
    Path folder;

    @Test
    void theFolderIsCreated0700AndTheSocket0600() throws IOException {
        Path socket = this.folder.resolve("private").resolve("s.sock");
        try (SharedMemoryStore main = SharedMemory.builder().socketPath(socket).startMain()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
                    .isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
        }
    }

    @Test
    void cleanShutdownRemovesTheSocketFile() {
        Path socket = this.folder.resolve("s.sock");
        SharedMemory.builder().socketPath(socket).startMain().close();
        assertThat(socket).doesNotExist();
    }

    @Test
    void aSecondMainOnALiveSocketIsRefusedAndTheFirstKeepsWorking() throws Exception {
        Path socket = this.folder.resolve("s.sock");
        try (SharedMemoryStore first = SharedMemory.builder().socketPath(socket).startMain()) {
            first.set("k", "v");
            assertThatThrownBy(() -> SharedMemory.builder().socketPath(socket).startMain())
                    .isInstanceOf(SocketInUseException.class).hasMessageContaining(socket.toString());
            assertThat(socket).exists();
            try (AgentProcess child = AgentProcess.child(socket)) {
                assertThat(child.call("get k")).isEqualTo("VALUE java.lang.String v");
            }
        }
    }

    @Test
    void aStaleSocketLeftByADeadMainIsReplaced() throws IOException {
        Path socket = this.folder.resolve("s.sock");
        // A bound-then-closed socket leaves its file behind with nobody listening, as a killed main does.
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();
        try (SharedMemoryStore main = SharedMemory.builder().socketPath(socket).startMain()) {
            assertThat(main.isRunning()).isTrue();
        }
    }

    @Test
    void aRegularFileInTheWayIsNotDeleted() throws IOException {
        Path socket = Files.writeString(this.folder.resolve("s.sock"), "not a socket");
        assertThatThrownBy(() -> SharedMemory.builder().socketPath(socket).startMain())
                .isInstanceOf(InvalidSocketPathException.class).hasMessageContaining("not a socket");
        assertThat(socket).hasContent("not a socket");
    }

    @Test
    void aPathTooLongForTheOperatingSystemIsRefused() {
        Path socket = this.folder.resolve("x".repeat(120) + ".sock");
        assertThatThrownBy(() -> SharedMemory.builder().socketPath(socket).startMain())
                .isInstanceOf(InvalidSocketPathException.class).hasMessageContaining("107");
        // A child is told at once too, rather than retrying a connect that can never work.
        assertThatThrownBy(() -> SharedMemory.builder().socketPath(socket).connectChild())
                .isInstanceOf(InvalidSocketPathException.class).hasMessageContaining("107");
    }
}
