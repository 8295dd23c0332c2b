package io.sharedmemory.core.client;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.SharedMemoryUnavailableException;
import io.sharedmemory.core.wire.FrameEncoder;
import io.sharedmemory.core.wire.Handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A child's call never hangs past its timeout, whatever main does or does not do. */
class RequestTimeoutTest {

    @TempDir
    Path folder;

    private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : this.resources) {
            resource.close();
        }
    }

    @Test
    void withNoMainACallFailsAtOnce() {
        SharedMemoryStore child = track(SharedMemory.builder().socketPath(this.folder.resolve("none.sock"))
                .connectChild());
        long start = System.nanoTime();
        assertThatThrownBy(() -> child.get("k")).isInstanceOf(SharedMemoryUnavailableException.class)
                .hasMessageContaining("none.sock");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(child.isAvailable()).isFalse();
    }

    @Test
    void aMainThatNeverRepliesTimesTheCallOut() throws Exception {
        Path socket = this.folder.resolve("silent.sock");
        silentMain(socket, true);
        SharedMemoryStore child = track(SharedMemory.builder().socketPath(socket)
                .requestTimeout(Duration.ofMillis(300)).connectChild());
        assertThat(child.isAvailable()).isTrue();
        long start = System.nanoTime();
        assertThatThrownBy(() -> child.set("k", "v")).isInstanceOf(SharedMemoryUnavailableException.class)
                .hasMessageContaining("request-timeout");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(290)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    @Timeout(10)
    void aMainThatStopsReadingCannotHoldAWritingCallPastTheTimeout() throws Exception {
        Path socket = this.folder.resolve("full.sock");
        silentMain(socket, true);
        SharedMemoryStore child = track(SharedMemory.builder().socketPath(socket)
                .requestTimeout(Duration.ofMillis(300)).connectChild());
        // Far more than the kernel buffers of an unread socket hold: the write itself blocks.
        byte[] big = new byte[900 * 1024];
        long start = System.nanoTime();
        assertThatThrownBy(() -> child.set("big", big)).isInstanceOf(SharedMemoryUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aMainThatNeverAnswersTheHandshakeDoesNotHangStart() throws Exception {
        Path socket = this.folder.resolve("mute.sock");
        silentMain(socket, false);
        long start = System.nanoTime();
        SharedMemoryStore child = track(SharedMemory.builder().socketPath(socket)
                .requestTimeout(Duration.ofMillis(300)).connectChild());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(child.isAvailable()).isFalse();
        assertThatThrownBy(() -> child.get("k")).isInstanceOf(SharedMemoryUnavailableException.class);
    }

    /** Accepts connections, optionally welcomes them, then never says anything again. */
    private void silentMain(Path socket, boolean welcome) throws Exception {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        this.resources.add(server);
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    SocketChannel channel = server.accept();
                    this.resources.add(channel);
                    if (welcome) {
                        FrameEncoder encoder = new FrameEncoder();
                        new Handshake.Welcome(Handshake.VERSION, 1 << 20, 1).writeTo(encoder);
                        ByteBuffer buffer = encoder.buffer();
                        while (buffer.hasRemaining()) {
                            channel.write(buffer);
                        }
                    }
                }
            }
            catch (Exception ex) {
                // server closed at the end of the test
            }
        }, "silent-main");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private SharedMemoryStore track(SharedMemoryStore store) {
        this.resources.add(0, store);
        return store;
    }
}
