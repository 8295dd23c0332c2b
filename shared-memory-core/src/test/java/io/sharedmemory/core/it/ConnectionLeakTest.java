package io.sharedmemory.core.it;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.Subscription;
import io.sharedmemory.core.internal.server.MainKeyValueStore;
import io.sharedmemory.core.internal.wire.Opcodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connections that come and go leave nothing behind in main: after a thousand of them, closed
 * in every way a child can go (at once, mid-handshake, mid-frame, after subscribing, a whole
 * child store started and closed), main's open file descriptors and threads are back to where
 * they were and it holds no connection and no subscription.
 */
class ConnectionLeakTest {

    private static final int CONNECTIONS = 1000;

    /** Threads that belong to one connection, on either side; none may outlive it. */
    private static final List<String> CONNECTION_THREADS = List.of("shared-memory-child-", "shared-memory-push-",
            "shared-memory-client-reader", "shared-memory-reconnect");

    @TempDir
    Path folder;

    private MainKeyValueStore main;

    @AfterEach
    void stop() {
        if (this.main != null) {
            this.main.close();
        }
    }

    @Test
    void aThousandConnectionsComeAndGoWithoutATrace() throws Exception {
        Path socket = this.folder.resolve("leak.sock");
        this.main = (MainKeyValueStore) SharedMemory.builder().socketPath(socket).startMain();
        for (int i = 0; i < 50; i++) {
            connectAndGo(socket, i);
        }
        awaitNoConnections();
        long fds = openFileDescriptors();
        int threads = threadCount();

        for (int i = 0; i < CONNECTIONS; i++) {
            connectAndGo(socket, i);
        }

        awaitNoConnections();
        // A few spare ones for what the JVM starts meanwhile (compiler threads, Awaitility's poller);
        // a leak would show as hundreds, one or two per connection.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(openFileDescriptors()).as("open file descriptors").isLessThanOrEqualTo(fds + 5);
            assertThat(threadCount()).as("threads").isLessThanOrEqualTo(threads + 5);
            assertThat(connectionThreads()).as("threads of a connection").isEmpty();
        });
        assertThat(this.main.subscriptionCount()).as("subscriptions").isZero();
    }

    @Test
    void aChildCutOffWhileItsSubscribesAreBeingServedLeavesNoSubscriptionBehind() throws Exception {
        Path socket = this.folder.resolve("cut.sock");
        // One message behind is too many, at once (no soft window): the child's own publishes
        // below get it cut off.
        this.main = (MainKeyValueStore) SharedMemory.builder().socketPath(socket).maxPendingMessages(1)
                .subscriberSoftDuration(Duration.ZERO).startMain();
        try (RawClient raw = new RawClient(socket)) {
            raw.hello();
            raw.readFrame();
            raw.send(RawClient.frame(Opcodes.PSUBSCRIBE, 1, "*"));
            raw.readFrame();
            // One write main reads in one go: publishes that overflow this child's queue, so main
            // cuts it off in the middle of the burst, then subscribes that were already read. Main's
            // push thread drains the queue meanwhile; a handful of publishes could each be written
            // before the next came (it happened once on a loaded machine), two thousand cannot.
            // The burst stays far below a socket's buffer, so this write never meets the cut.
            ByteBuffer burst = ByteBuffer.allocate(120_000);
            for (int i = 0; i < 2000; i++) {
                burst.put(RawClient.frame(Opcodes.PUBLISH, 100 + i, "flood", new byte[] { 0x0A, 0, 0, 0, 1, 'x' }));
            }
            for (int i = 0; i < 1000; i++) {
                burst.put(RawClient.frame(Opcodes.SUBSCRIBE, 10_000 + i, "c" + i));
            }
            raw.send(java.util.Arrays.copyOf(burst.array(), burst.position()));
            raw.readUntilClosed();
        }
        awaitNoConnections();
        assertThat(this.main.subscriptionCount()).as("subscriptions of a connection that is gone").isZero();
    }

    /** Opens a connection and drops it in one of five ways. */
    private static void connectAndGo(Path socket, int i) throws IOException {
        switch (i % 5) {
            case 0 -> new RawClient(socket).close();
            case 1 -> {
                try (RawClient raw = new RawClient(socket)) {
                    raw.hello();
                }
            }
            case 2 -> {
                try (RawClient raw = new RawClient(socket)) {
                    raw.hello();
                    raw.readFrame();
                    raw.send(RawClient.frame(Opcodes.SUBSCRIBE, 1, "news"));
                    raw.send(RawClient.frame(Opcodes.PSUBSCRIBE, 2, "n*"));
                    raw.readFrame();
                    raw.readFrame();
                }
            }
            case 3 -> {
                try (RawClient raw = new RawClient(socket)) {
                    raw.hello();
                    raw.readFrame();
                    raw.send(new byte[] { 0, 0, 0, 40, Opcodes.SET, 0, 0 });
                }
            }
            default -> {
                try (SharedMemoryStore child = SharedMemory.builder().socketPath(socket).connectChild()) {
                    Subscription news = child.subscribe("news", (message) -> { });
                    child.subscribePattern("n*", (channel, message) -> { });
                    child.set("k" + i, i);
                    news.close();
                }
            }
        }
    }

    private void awaitNoConnections() {
        await().atMost(Duration.ofSeconds(30)).until(() -> this.main.connectedChildren() == 0);
    }

    private static long openFileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static int threadCount() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static List<String> connectionThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter((name) -> CONNECTION_THREADS.stream().anyMatch(name::startsWith)).toList();
    }
}
