package io.sharedmemory.core.internal.client;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryException;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.SharedMemoryUnavailableException;
import io.sharedmemory.core.internal.codec.ValueCodec;
import io.sharedmemory.core.internal.protocol.EntriesPart;
import io.sharedmemory.core.internal.protocol.EntriesReply;
import io.sharedmemory.core.internal.protocol.ErrorReply;
import io.sharedmemory.core.internal.protocol.KeyListReply;
import io.sharedmemory.core.internal.protocol.KeysPart;
import io.sharedmemory.core.internal.protocol.Ok;
import io.sharedmemory.core.internal.protocol.Reply;
import io.sharedmemory.core.internal.wire.ErrorCodes;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A child assembles a reply sent in parts, and the request timeout counts from the latest part:
 * a slow reply that keeps coming succeeds, a main that stops in the middle fails the call within
 * one timeout of its last part. A fake main scripts the frames.
 */
class RepliesInPartsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(400);

    private static final ValueCodec CODEC = new ValueCodec(List.of(), null);

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
    void partsAndTheLastFrameMakeOneReplyForBlockingAndAsynchronousCalls() throws Exception {
        SharedMemoryStore child = child((channel, opcode, id) -> {
            if (opcode == Opcodes.KEYS) {
                send(channel, id, new KeysPart(List.of("a", "b")), new KeyListReply(List.of("c")));
                return;
            }
            send(channel, id, part(0, 100), part(100, 200), new EntriesReply(entries(200, 250)));
        });
        Map<String, Object> expected = new HashMap<>();
        for (int i = 0; i < 250; i++) {
            expected.put("k" + i, "v" + i);
        }
        assertThat(child.getAll()).isEqualTo(expected);
        assertThat(child.async().getAll().get(5, TimeUnit.SECONDS)).isEqualTo(expected);
        assertThat(child.getAll(List.of("k1", "k2"))).isEqualTo(expected);
        assertThat(child.keys("*")).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void aReplySlowerThanTheTimeoutSucceedsWhileItsPartsKeepComing() throws Exception {
        // Six parts 150 ms apart: the whole reply takes twice the timeout, no gap reaches it.
        SharedMemoryStore child = child((channel, opcode, id) -> {
            for (int part = 0; part < 6; part++) {
                pause(150);
                send(channel, id, part(part * 10, part * 10 + 10));
            }
            send(channel, id, new EntriesReply(Map.of()));
        });
        long start = System.nanoTime();
        assertThat(child.getAll()).hasSize(60);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(TIMEOUT);
        assertThat(child.async().getAll().get(10, TimeUnit.SECONDS)).hasSize(60);
    }

    @Test
    void aMainThatStopsInTheMiddleOfAReplyFailsTheCallOneTimeoutAfterItsLastPart() throws Exception {
        long[] lastPart = new long[1];
        SharedMemoryStore child = child((channel, opcode, id) -> {
            send(channel, id, part(0, 10));
            pause(200);
            send(channel, id, part(10, 20));
            lastPart[0] = System.nanoTime();
        });
        assertThatThrownBy(child::getAll).isInstanceOf(SharedMemoryUnavailableException.class)
                .hasMessageContaining("request-timeout");
        Duration afterLastPart = Duration.ofNanos(System.nanoTime() - lastPart[0]);
        assertThat(afterLastPart).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(20)).isLessThan(TIMEOUT.plusSeconds(1));

        long start = System.nanoTime();
        assertThatThrownBy(() -> child.async().getAll().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SharedMemoryUnavailableException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThan(TIMEOUT.plusMillis(150)).isLessThan(TIMEOUT.plusMillis(200).plusSeconds(1));
    }

    @Test
    void anErrorInPlaceOfTheLastFrameVoidsThePartsAndTheConnectionCarriesOn() throws Exception {
        SharedMemoryStore child = child((channel, opcode, id) -> {
            if (opcode == Opcodes.PING || opcode == Opcodes.SET) {
                send(channel, id, new Ok());
                return;
            }
            send(channel, id, part(0, 10), new ErrorReply(ErrorCodes.TOO_LARGE, "key 'k10' is too large"));
        });
        assertThatThrownBy(child::getAll).isInstanceOf(SharedMemoryException.class).hasMessageContaining("'k10'");
        child.set("still", "usable");
        assertThat(child.isAvailable()).isTrue();
    }

    @Test
    void partsOfACallThatTimedOutAreDroppedAndTheNextCallGetsItsOwnReply() throws Exception {
        int[] calls = new int[1];
        SharedMemoryStore child = child((channel, opcode, id) -> {
            if (calls[0]++ == 0) {
                // The first call times out between its parts; the rest still arrives, late.
                send(channel, id, part(0, 10));
                pause(TIMEOUT.toMillis() + 300);
                send(channel, id, part(10, 20), new EntriesReply(entries(20, 30)));
                return;
            }
            send(channel, id, new EntriesReply(entries(500, 501)));
        });
        assertThatThrownBy(child::getAll).isInstanceOf(SharedMemoryUnavailableException.class);
        assertThat(child.getAll()).containsOnlyKeys("k500");
    }

    private SharedMemoryStore child(Script script) throws IOException {
        Path socket = this.folder.resolve("parts.sock");
        FakeMain.welcoming(socket, this.resources, (channel) -> serve(channel, script));
        SharedMemoryStore child = SharedMemory.builder().socketPath(socket).requestTimeout(TIMEOUT).connectChild();
        this.resources.add(0, child);
        assertThat(child.isAvailable()).isTrue();
        return child;
    }

    /** Reads requests one by one and lets the script answer each. */
    private static void serve(SocketChannel channel, Script script) throws IOException {
        while (true) {
            ByteBuffer header = ByteBuffer.allocate(4);
            readFully(channel, header);
            ByteBuffer body = ByteBuffer.allocate(header.getInt(0));
            readFully(channel, body);
            script.answer(channel, body.get(0), body.getInt(1));
        }
    }

    private static void readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException();
            }
        }
    }

    private static void send(SocketChannel channel, int id, Reply... frames) throws IOException {
        FrameEncoder out = new FrameEncoder();
        for (Reply frame : frames) {
            frame.begin(out, id);
            out.end();
        }
        ByteBuffer buffer = out.buffer();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static EntriesPart part(int from, int to) {
        return new EntriesPart(entries(from, to));
    }

    private static Map<String, byte[]> entries(int from, int to) {
        Map<String, byte[]> entries = new HashMap<>();
        for (int i = from; i < to; i++) {
            entries.put("k" + i, CODEC.encode("v" + i));
        }
        return entries;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** How the fake main answers one request. */
    private interface Script {

        void answer(SocketChannel channel, byte opcode, int id) throws IOException;
    }
}
