package io.sharedmemory.core.internal.client;

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
        FakeMain.welcoming(socket, this.resources, (channel) -> { });
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
    void aMainThatNeverAnswersTheHandshakeDoesNotHangStart() throws Exception {
        Path socket = this.folder.resolve("mute.sock");
        FakeMain.mute(socket, this.resources);
        long start = System.nanoTime();
        SharedMemoryStore child = track(SharedMemory.builder().socketPath(socket)
                .requestTimeout(Duration.ofMillis(300)).connectChild());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(child.isAvailable()).isFalse();
        assertThatThrownBy(() -> child.get("k")).isInstanceOf(SharedMemoryUnavailableException.class);
    }

    private SharedMemoryStore track(SharedMemoryStore store) {
        this.resources.add(0, store);
        return store;
    }
}
