package io.sharedmemory.core.internal.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.SharedMemoryUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A main that welcomes a child and then stops reading (frozen, or stuck writing to a child that
 * does not read its replies) fills the socket: a child's call that cannot even be sent must
 * still fail within the request timeout, not block in the write for ever.
 */
class StalledMainTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

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
    void aRequestMainDoesNotReadFailsWithinTheTimeout() throws Exception {
        Path socket = this.folder.resolve("stalled.sock");
        mainThatStopsReadingAfterTheHandshake(socket);
        SharedMemoryStore child = SharedMemory.builder().socketPath(socket).requestTimeout(TIMEOUT).connectChild();
        this.resources.add(0, child);
        assertThat(child.isAvailable()).isTrue();
        // Far more than the socket buffers hold, so the write itself blocks.
        byte[] large = new byte[8 * 1024 * 1024];
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            long start = System.nanoTime();
            assertThatThrownBy(() -> child.set("k", large)).isInstanceOf(SharedMemoryUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("request timeout plus slack")
                    .isLessThan(TIMEOUT.plusSeconds(2));
        });
    }

    @Test
    void theTimeoutCountsFromTheCallNotFromWhenTheRequestWasFinallySent() throws Exception {
        Path socket = this.folder.resolve("slow.sock");
        Duration timeout = Duration.ofSeconds(3);
        // Takes about 2 s to read the request (never stalled for a whole timeout), then never replies.
        FakeMain.welcoming(socket, this.resources, (channel) -> {
            ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
            for (int i = 0; i < 128; i++) {
                chunk.clear();
                channel.read(chunk);
                sleep(16);
            }
        });
        SharedMemoryStore child = SharedMemory.builder().socketPath(socket).requestTimeout(timeout).connectChild();
        this.resources.add(0, child);
        byte[] large = new byte[8 * 1024 * 1024];
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            long start = System.nanoTime();
            assertThatThrownBy(() -> child.set("k", large)).isInstanceOf(SharedMemoryUnavailableException.class);
            // Sending and waiting share one budget; granting the wait a fresh one would take about 5 s.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout.plusSeconds(1));
        });
    }

    /** Reads the HELLO, answers WELCOME, and never reads again. */
    private void mainThatStopsReadingAfterTheHandshake(Path socket) throws IOException {
        FakeMain.welcoming(socket, this.resources, (channel) -> { });
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            throw new java.io.InterruptedIOException();
        }
    }

}
