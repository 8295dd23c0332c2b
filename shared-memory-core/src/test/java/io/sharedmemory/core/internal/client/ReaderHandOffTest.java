package io.sharedmemory.core.internal.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A calling thread that reads the socket for its own reply may take in more than its reply:
 * a message pushed to this child, or another caller's reply. Whatever it leaves behind must
 * still be handled without waiting for more traffic from main, which may never come.
 */
class ReaderHandOffTest {

    @TempDir
    Path folder;

    @Test
    void aChildGetsEachOfItsOwnMessagesWithoutFurtherTraffic() throws Exception {
        Path socket = this.folder.resolve("own.sock");
        try (SharedMemoryStore main = SharedMemory.builder().socketPath(socket).startMain();
                SharedMemoryStore child = SharedMemory.builder().socketPath(socket).connectChild()) {
            LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
            child.subscribe("mine", received::add);
            for (int i = 0; i < 300; i++) {
                child.publish("mine", i);
                // Nothing else is sent until this message has arrived.
                assertThat(received.poll(5, TimeUnit.SECONDS)).as("message " + i).isEqualTo(i);
            }
        }
    }

    @Test
    void twoCallersAtOnceBothGetTheirReplies() throws Exception {
        Path socket = this.folder.resolve("two.sock");
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (SharedMemoryStore main = SharedMemory.builder().socketPath(socket).startMain();
                SharedMemoryStore child = SharedMemory.builder().socketPath(socket)
                        .requestTimeout(Duration.ofSeconds(2)).connectChild()) {
            main.set("k", "v");
            CyclicBarrier together = new CyclicBarrier(2);
            for (int round = 0; round < 300; round++) {
                // Both call at once, then neither calls again until both are answered.
                Future<Object> first = callers.submit(() -> {
                    together.await();
                    return child.get("k");
                });
                Future<Object> second = callers.submit(() -> {
                    together.await();
                    return child.get("k");
                });
                assertThat(first.get(10, TimeUnit.SECONDS)).as("round " + round).isEqualTo("v");
                assertThat(second.get(10, TimeUnit.SECONDS)).as("round " + round).isEqualTo("v");
            }
        }
        finally {
            callers.shutdownNow();
        }
    }
}
