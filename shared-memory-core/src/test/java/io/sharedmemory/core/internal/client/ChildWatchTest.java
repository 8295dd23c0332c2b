package io.sharedmemory.core.internal.client;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sharedmemory.core.KeyEvent;
import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.Subscription;
import io.sharedmemory.core.internal.nearcache.InvalidationListener;
import io.sharedmemory.core.internal.protocol.KeyEventPush;
import io.sharedmemory.core.internal.protocol.Ok;
import io.sharedmemory.core.internal.server.MainKeyValueStore;
import io.sharedmemory.core.internal.wire.FrameEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A child's watches and its near-cache invalidation source against a real main in this JVM: live
 * once main holds the watch, invalidated for every change from any process, lost when main goes,
 * live again (and the value watches restored) when the reconnect watched again; value watches and
 * key-only tracking share a glob; a gap in the sequence numbers (a fake main) is a lost connection.
 */
class ChildWatchTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path folder;

    private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = this.resources.size() - 1; i >= 0; i--) {
            this.resources.get(i).close();
        }
    }

    @Test
    void trackingGoesLiveIsInvalidatedByEveryProcessIsLostWithMainAndLiveAgainAfterTheReconnect() throws Exception {
        Path socket = this.folder.resolve("track.sock");
        MainKeyValueStore main = main(socket);
        ChildKeyValueStore child = child(socket);
        Recorder tracker = new Recorder();
        List<String> watched = new CopyOnWriteArrayList<>();
        this.resources.add(child.track(List.of("user:*", "config"), tracker));
        Subscription watch = child.watch("config", (event) -> watched.add(event.type() + " " + event.newValue()));
        await().atMost(PATIENCE).until(() -> tracker.calls.contains("live"));

        main.set("user:1", "a");
        child.set("user:2", "b");
        main.set("config", "on");
        main.set("unwatched", "x");
        child.delete("user:1");
        await().atMost(PATIENCE).until(() -> tracker.calls.size() >= 5);
        assertThat(tracker.calls).containsExactly("live", "user:1", "user:2", "config", "user:1");
        assertThat(main.watchCount()).isEqualTo(2);

        main.close();
        await().atMost(PATIENCE).until(() -> last(tracker.calls).equals("lost"));
        MainKeyValueStore again = main(socket);
        await().atMost(PATIENCE).until(() -> last(tracker.calls).equals("live"));
        assertThat(again.watchCount()).isEqualTo(2);
        again.set("user:3", "c");
        again.set("config", "off");
        await().atMost(PATIENCE).until(() -> tracker.calls.size() >= 9 && watched.size() >= 2);
        assertThat(tracker.calls.subList(5, 9)).containsExactly("lost", "live", "user:3", "config");
        assertThat(watched).containsExactly("SET on", "SET off");

        // Closing the value watch leaves the glob to the tracker (keys only); closing both frees main.
        watch.close();
        again.set("config", "third");
        await().atMost(PATIENCE).until(() -> tracker.calls.size() >= 10);
        assertThat(watched).hasSize(2);
        last(this.resources).close();
        await().atMost(PATIENCE).until(() -> again.watchCount() == 0);
    }

    @Test
    void aValueWatchAddedToATrackedGlobGetsValuesAndItsEventsInOrder() throws Exception {
        Path socket = this.folder.resolve("upgrade.sock");
        MainKeyValueStore main = main(socket);
        ChildKeyValueStore child = child(socket);
        Recorder tracker = new Recorder();
        this.resources.add(child.track(List.of("k*"), tracker));
        List<KeyEvent> events = new CopyOnWriteArrayList<>();
        child.watch("k*", events::add);
        main.set("k1", "a");
        main.increment("k2", 3);
        main.set("k1", "b", Duration.ofMillis(100));
        await().atMost(PATIENCE).until(() -> events.size() >= 4);
        assertThat(events).containsExactly(new KeyEvent(KeyEvent.Type.SET, "k1", null, "a"),
                new KeyEvent(KeyEvent.Type.SET, "k2", null, 3L), new KeyEvent(KeyEvent.Type.SET, "k1", "a", "b"),
                new KeyEvent(KeyEvent.Type.EXPIRE, "k1", "b", null));
        assertThat(tracker.calls).startsWith("live", "k1", "k2", "k1");
    }

    @Test
    void aGapInTheSequenceNumbersIsALostConnectionAndTheReconnectGoesLiveAgain() throws Exception {
        Path socket = this.folder.resolve("gap.sock");
        // Answers each WATCH, then pushes events 1 and 3: event 2 went untold.
        FakeMain.welcoming(socket, this.resources, (channel) -> {
            try {
                ByteBuffer header = ByteBuffer.allocate(4);
                readFully(channel, header);
                ByteBuffer body = ByteBuffer.allocate(header.getInt(0));
                readFully(channel, body);
                FrameEncoder out = new FrameEncoder();
                new Ok().begin(out, body.getInt(1));
                out.end();
                new KeyEventPush(1, KeyEvent.Type.SET, "a", true, null, null).write(out);
                new KeyEventPush(3, KeyEvent.Type.SET, "b", true, null, null).write(out);
                ByteBuffer frames = out.buffer();
                while (frames.hasRemaining()) {
                    channel.write(frames);
                }
                readFully(channel, ByteBuffer.allocate(1));
            }
            catch (IOException ex) {
                // the child closed it, as it must; the fake main takes the next connection
            }
        });
        ChildKeyValueStore child = child(socket);
        Recorder tracker = new Recorder();
        this.resources.add(child.track(List.of("*"), tracker));
        await().atMost(PATIENCE).until(() -> tracker.calls.size() >= 4);
        assertThat(tracker.calls.subList(0, 4)).containsSubsequence("live", "lost", "live")
                .doesNotContain("b");
    }

    @Test
    void aChildWhoseWatchFallsBehindIsCutOffAndWatchesAgainOnReconnect() throws Exception {
        Path socket = this.folder.resolve("slow.sock");
        MainKeyValueStore main = new MainKeyValueStore(SharedMemory.builder().socketPath(socket)
                .maxFrameSize(64 * 1024).subscriberHardLimit(256 * 1024).subscriberSoftLimit(128 * 1024).settings());
        main.start();
        this.resources.add(main);
        ChildKeyValueStore child = new ChildKeyValueStore(SharedMemory.builder().socketPath(socket)
                .requestTimeout(Duration.ofSeconds(2)).maxPendingMessages(50).settings());
        child.start();
        this.resources.add(child);
        await().atMost(PATIENCE).until(child::isAvailable);
        CountDownLatch release = new CountDownLatch(1);
        this.resources.add(release::countDown);
        List<Object> seen = new CopyOnWriteArrayList<>();
        child.watch("big.*", (event) -> {
            awaitQuietly(release);
            seen.add(event.newValue());
        });
        Recorder tracker = new Recorder();
        this.resources.add(child.track(List.of("big.*"), tracker));
        await().atMost(PATIENCE).until(() -> tracker.calls.contains("live"));
        int firstConnection = main.children().get(0).id();

        // 2 KiB per event (old and new value) against a blocked listener: main's backlog for the
        // child passes the hard limit, and the child is cut off instead of being sent a gap.
        String value = "x".repeat(1024);
        for (int i = 0; i < 5000 && main.children().stream().allMatch((c) -> c.id() == firstConnection); i++) {
            main.set("big." + (i % 10), value + i);
        }
        // Main cut it (within a second of its limit check); the child learns it once its reader,
        // held up by the full listener queue, runs again.
        await().atMost(PATIENCE).until(() -> main.children().stream().noneMatch((c) -> c.id() == firstConnection));
        release.countDown();
        await().atMost(PATIENCE).until(() -> !main.children().isEmpty());
        await().atMost(PATIENCE).until(() -> tracker.calls.contains("lost")
                && last(tracker.calls).equals("live"));
        main.set("big.after", "the reconnect watched again");
        await().atMost(PATIENCE).until(() -> seen.contains("the reconnect watched again"));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void badPatternsAreRefusedBeforeAnythingIsSent() throws Exception {
        Path socket = this.folder.resolve("bad.sock");
        MainKeyValueStore main = main(socket);
        ChildKeyValueStore child = child(socket);
        assertThatThrownBy(() -> child.watch("", (event) -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> child.watch(null, (event) -> { })).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> child.watch("a", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> child.track(List.of(), new Recorder())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> main.watch("", (event) -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThat(main.watchCount()).isZero();
    }

    private MainKeyValueStore main(Path socket) {
        MainKeyValueStore main = new MainKeyValueStore(SharedMemory.builder().socketPath(socket).settings());
        main.start();
        this.resources.add(main);
        return main;
    }

    private ChildKeyValueStore child(Path socket) {
        ChildKeyValueStore child = new ChildKeyValueStore(SharedMemory.builder().socketPath(socket)
                .requestTimeout(Duration.ofSeconds(2)).settings());
        child.start();
        this.resources.add(child);
        await().atMost(PATIENCE).until(child::isAvailable);
        return child;
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }

    private static void readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException();
            }
        }
    }

    /** Records the calls: live, lost, or the key invalidated. */
    private static final class Recorder implements InvalidationListener {

        private final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void live() {
            this.calls.add("live");
        }

        @Override
        public void invalidated(String key) {
            this.calls.add(key);
        }

        @Override
        public void lost() {
            this.calls.add("lost");
        }
    }
}
