package io.sharedmemory.core.internal.server;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemorySettings;
import io.sharedmemory.core.StoreObserver;
import io.sharedmemory.core.internal.persistence.Durability;
import io.sharedmemory.core.internal.store.InMemoryStore;
import io.sharedmemory.core.internal.store.StoredValue;
import io.sharedmemory.core.internal.wire.ErrorCodes;
import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;
import io.sharedmemory.core.internal.wire.ProtocolException;
import io.sharedmemory.core.internal.codec.ValueCodec;
import io.sharedmemory.core.testing.SeededRandom;
import io.sharedmemory.core.testing.Tries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Main's request handling under arbitrary request frames, random and structured (a real
 * opcode and id followed by any mix of well-formed and broken fields): each frame either
 * closes its connection with a {@link ProtocolException}, or gets exactly one reply carrying
 * its id, never an {@code INTERNAL} error; and a key no frame names keeps its value. The
 * frames come from a seeded {@link Tries} run against one store, so later frames meet what
 * earlier ones left; a failure names its seed and frame.
 */
class RequestHandlerFuzzTest {

    private static final Set<Byte> REPLIES = Set.of(Opcodes.OK, Opcodes.VALUE, Opcodes.BOOLEAN, Opcodes.LONG,
            Opcodes.ENTRIES, Opcodes.KEY_LIST, Opcodes.ERROR);

    private static final byte[] PRECIOUS = new ValueCodec(List.of(), null).encode("data");

    private final SharedMemorySettings settings = SharedMemory.builder().socketPath(Path.of("/tmp/unused.sock"))
            .maxFrameSize(64 * 1024).maxPendingMessages(100).settings();

    private final ValueCodec codec = new ValueCodec(Set.of(), null);

    private final InMemoryStore store = new InMemoryStore(this.codec);

    private final MessageRouter router = new MessageRouter();

    private final RequestHandler handler = new RequestHandler(this.store, this.router, this.codec, 64 * 1024);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    private final ChildConnection connection;

    RequestHandlerFuzzTest() throws IOException {
        ServerContext context = new ServerContext(this.settings, this.handler, this.router, new WatchRouter(this.store),
                new PeerAuthenticator("nobody", Set.of()), this.timer, (closed) -> { }, StoreObserver.NONE, Durability.NONE);
        // Never connected: the handler only writes replies into the encoder it is given.
        this.connection = new ChildConnection(1, SocketChannel.open(StandardProtocolFamily.UNIX), context);
        this.store.set("precious", StoredValue.encoded(PRECIOUS), 0);
        this.store.set("a", StoredValue.encoded(this.codec.encode(41L)), 0);
        this.store.set("b", StoredValue.encoded(this.codec.encode("text")), 0);
    }

    @AfterEach
    void close() {
        this.connection.close();
        this.timer.shutdownNow();
        this.store.close();
    }

    @Test
    void everyRequestGetsOneReplyWithItsIdOrClosesTheConnection() {
        Tries.forAll(5000, this::request, this::getsOneReplyWithItsIdOrClosesTheConnection);
    }

    private void getsOneReplyWithItsIdOrClosesTheConnection(byte[] request) {
        FrameEncoder out = new FrameEncoder();
        try {
            this.handler.handle(new FrameBody(ByteBuffer.wrap(request)), out, this.connection);
        }
        catch (ProtocolException ex) {
            assertThat(ex.errorCode()).isEqualTo(ErrorCodes.PROTOCOL_ERROR);
            return;
        }
        ByteBuffer reply = out.buffer();
        assertThat(reply.getInt()).as("one whole frame").isEqualTo(reply.remaining());
        byte opcode = reply.get();
        assertThat(REPLIES).contains(opcode);
        assertThat(reply.getInt()).as("the request's id").isEqualTo(ByteBuffer.wrap(request, 1, 4).getInt());
        if (opcode == Opcodes.ERROR) {
            assertThat((int) reply.getShort()).as("hostile input is the client's fault, not main's")
                    .isNotEqualTo(ErrorCodes.INTERNAL);
        }
        assertThat(this.store.get("precious").bytes()).isEqualTo(PRECIOUS);
    }

    /**
     * A request body: one time in eight any bytes up to 64, three in eight an opcode (a request
     * one or any byte), any id and up to 4 fields of any kind, else {@link #wellShaped}.
     */
    private byte[] request(SeededRandom random) {
        int kind = random.nextInt(8);
        if (kind == 0) {
            return random.bytes(0, 64);
        }
        if (kind <= 3) {
            byte opcode = random.nextBoolean() ? (byte) random.intBetween(0x10, 0x1D) : random.anyByte();
            return body(opcode, random.anyInt(), random.list(0, 4, (r) -> field(r, "any")));
        }
        return wellShaped(random);
    }

    /** A real request with the fields its opcode wants, whose values may still be hostile. */
    private byte[] wellShaped(SeededRandom random) {
        byte[] none = new byte[0];
        int id = random.anyInt();
        return switch (random.nextInt(14)) {
            case 0 -> body(Opcodes.GET, id, List.of(field(random, "str")));
            case 1 -> body(Opcodes.SET, id, List.of(field(random, "str"), field(random, "i64"), field(random, "blob")));
            case 2 -> body(Opcodes.DELETE, id, List.of(field(random, "str")));
            case 3 -> body(Opcodes.GET_ALL, id, List.of(none));
            case 4 -> body(Opcodes.KEYS, id, List.of(field(random, "str")));
            case 5 -> body(Opcodes.SET_IF_ABSENT, id,
                    List.of(field(random, "str"), field(random, "i64"), field(random, "blob")));
            case 6 -> body(Opcodes.COMPARE_AND_SET, id,
                    List.of(field(random, "str"), field(random, "blob"), field(random, "blob")));
            case 7 -> body(Opcodes.INCREMENT, id, List.of(field(random, "str"), field(random, "i64")));
            case 8 -> body(Opcodes.PUBLISH, id, List.of(field(random, "str"), field(random, "blob")));
            case 9 -> body(Opcodes.SUBSCRIBE, id, List.of(field(random, "str")));
            case 10 -> body(Opcodes.UNSUBSCRIBE, id, List.of(field(random, "str")));
            case 11 -> body(Opcodes.PSUBSCRIBE, id, List.of(field(random, "str")));
            case 12 -> body(Opcodes.PUNSUBSCRIBE, id, List.of(field(random, "str")));
            default -> body(Opcodes.PING, id, List.of(none));
        };
    }

    private static byte[] body(byte opcode, int id, List<byte[]> fields) {
        ByteBuffer body = ByteBuffer.allocate(5 + fields.stream().mapToInt((f) -> f.length).sum());
        body.put(opcode).putInt(id);
        fields.forEach(body::put);
        return body.array();
    }

    /**
     * One field as a frame carries it: a str (a key or pattern), an i64 (edges favoured), a blob
     * (an encoded value four times in five, else any bytes), or for "any" one of those or a
     * bare wrong length or a few bytes of garbage.
     */
    private byte[] field(SeededRandom random, String type) {
        return switch (type) {
            case "str" -> lengthPrefixed(key(random).getBytes(StandardCharsets.UTF_8));
            case "i64" -> ByteBuffer.allocate(8).putLong(random.nextBoolean() ? random.anyLong()
                    : random.pick(0L, -1L, 1L, Long.MAX_VALUE, Long.MIN_VALUE)).array();
            case "blob" -> (random.nextInt(5) < 4) ? encodedValue(random) : lengthPrefixed(random.bytes(0, 12));
            default -> switch (random.nextInt(6)) {
                case 0 -> field(random, "str");
                case 1 -> field(random, "i64");
                case 2 -> encodedValue(random);
                case 3 -> lengthPrefixed(random.bytes(0, 12));
                case 4 -> ByteBuffer.allocate(4).putInt(random.anyInt()).array();
                default -> random.bytes(1, 6);
            };
        };
    }

    /** A key or pattern: one the store holds or a glob edge, up to 6 chars of glob text, or any text. */
    private static String key(SeededRandom random) {
        return random.oneOf((r) -> r.pick("a", "b", "c", "", "*", "a*", "?", "[", "\\"),
                (r) -> r.text(SeededRandom.LETTERS + SeededRandom.DIGITS + "*?[]\\", 0, 6), (r) -> r.text(0, 6));
    }

    /** A long, text up to 10 chars or a list of up to 3 ints, encoded and length-prefixed. */
    private byte[] encodedValue(SeededRandom random) {
        Object value = random.oneOf(SeededRandom::anyLong, (r) -> r.text(0, 10),
                (r) -> new ArrayList<>(r.list(0, 3, SeededRandom::anyInt)));
        return lengthPrefixed(this.codec.encode(value));
    }

    private static byte[] lengthPrefixed(byte[] bytes) {
        return ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).array();
    }
}
