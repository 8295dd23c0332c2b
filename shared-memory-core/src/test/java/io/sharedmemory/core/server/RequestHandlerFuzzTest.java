package io.sharedmemory.core.server;

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
import io.sharedmemory.core.store.InMemoryStore;
import io.sharedmemory.core.store.StoredValue;
import io.sharedmemory.core.wire.ErrorCodes;
import io.sharedmemory.core.wire.FrameBody;
import io.sharedmemory.core.wire.FrameEncoder;
import io.sharedmemory.core.wire.Opcodes;
import io.sharedmemory.core.wire.ProtocolException;
import io.sharedmemory.core.codec.ValueCodec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Main's request handling under arbitrary request frames, random and structured (a real
 * opcode and id followed by any mix of well-formed and broken fields): each frame either
 * closes its connection with a {@link ProtocolException}, or gets exactly one reply carrying
 * its id, never an {@code INTERNAL} error; and a key no frame names keeps its value.
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
        ServerContext context = new ServerContext(this.settings, this.handler, this.router,
                new PeerAuthenticator("nobody", Set.of()), this.timer, (closed) -> { });
        // Never connected: the handler only writes replies into the encoder it is given.
        this.connection = new ChildConnection(1, SocketChannel.open(StandardProtocolFamily.UNIX), context);
        this.store.set("precious", StoredValue.encoded(PRECIOUS), 0);
        this.store.set("a", StoredValue.encoded(this.codec.encode(41L)), 0);
        this.store.set("b", StoredValue.encoded(this.codec.encode("text")), 0);
    }

    @AfterProperty
    void close() {
        this.connection.close();
        this.timer.shutdownNow();
        this.store.close();
    }

    @Property(tries = 5000)
    void everyRequestGetsOneReplyWithItsIdOrClosesTheConnection(@ForAll("requests") byte[] request) {
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

    @Provide
    Arbitrary<byte[]> requests() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<Byte> opcodes = Arbitraries.oneOf(Arbitraries.bytes().between((byte) 0x10, (byte) 0x1D),
                Arbitraries.bytes());
        Arbitrary<byte[]> structured = Combinators.combine(opcodes, Arbitraries.integers(), fields().list().ofMaxSize(4))
                .as((opcode, id, fields) -> {
                    ByteBuffer body = ByteBuffer.allocate(5 + fields.stream().mapToInt((f) -> f.length).sum());
                    body.put(opcode).putInt(id);
                    fields.forEach(body::put);
                    return body.array();
                });
        return Arbitraries.frequencyOf(Tuple.of(1, random), Tuple.of(3, structured), Tuple.of(4, wellShaped()));
    }

    /** A real request with the fields its opcode wants, whose values may still be hostile. */
    private Arbitrary<byte[]> wellShaped() {
        Arbitrary<byte[]> str = fieldsOf("str");
        Arbitrary<byte[]> i64 = fieldsOf("i64");
        Arbitrary<byte[]> blob = fieldsOf("blob");
        Arbitrary<byte[]> none = Arbitraries.just(new byte[0]);
        return Arbitraries.oneOf(
                request(Opcodes.GET, str, none, none), request(Opcodes.SET, str, i64, blob),
                request(Opcodes.DELETE, str, none, none), request(Opcodes.GET_ALL, none, none, none),
                request(Opcodes.KEYS, str, none, none), request(Opcodes.SET_IF_ABSENT, str, i64, blob),
                request(Opcodes.COMPARE_AND_SET, str, blob, blob), request(Opcodes.INCREMENT, str, i64, none),
                request(Opcodes.PUBLISH, str, blob, none), request(Opcodes.SUBSCRIBE, str, none, none),
                request(Opcodes.UNSUBSCRIBE, str, none, none), request(Opcodes.PSUBSCRIBE, str, none, none),
                request(Opcodes.PUNSUBSCRIBE, str, none, none), request(Opcodes.PING, none, none, none));
    }

    private static Arbitrary<byte[]> request(byte opcode, Arbitrary<byte[]> first, Arbitrary<byte[]> second,
            Arbitrary<byte[]> third) {
        return Combinators.combine(Arbitraries.integers(), first, second, third).as((id, a, b, c) -> ByteBuffer
                .allocate(5 + a.length + b.length + c.length).put(opcode).putInt(id).put(a).put(b).put(c).array());
    }

    /** One field as a frame carries it: str, i64, blob, or something broken. */
    private Arbitrary<byte[]> fields() {
        return fieldsOf("any");
    }

    private Arbitrary<byte[]> fieldsOf(String type) {
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of("a", "b", "c", "", "*", "a*", "?", "[", "\\"),
                Arbitraries.strings().alpha().numeric().withChars('*', '?', '[', ']', '\\').ofMaxLength(6),
                Arbitraries.strings().ofMaxLength(6));
        Arbitrary<byte[]> strings = keys.map((key) -> lengthPrefixed(key.getBytes(StandardCharsets.UTF_8)));
        Arbitrary<byte[]> longs = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(0L, -1L, 1L, Long.MAX_VALUE,
                Long.MIN_VALUE)).map((v) -> ByteBuffer.allocate(8).putLong(v).array());
        Arbitrary<byte[]> values = Arbitraries.oneOf(Arbitraries.longs().map((v) -> (Object) v),
                Arbitraries.strings().ofMaxLength(10).map((v) -> (Object) v),
                Arbitraries.integers().list().ofMaxSize(3).map((v) -> (Object) new ArrayList<>(v)))
                .map((v) -> lengthPrefixed(this.codec.encode(v)));
        Arbitrary<byte[]> brokenBlobs = Arbitraries.bytes().array(byte[].class).ofMaxSize(12).map(
                RequestHandlerFuzzTest::lengthPrefixed);
        Arbitrary<byte[]> wrongLengths = Arbitraries.integers().map((n) -> ByteBuffer.allocate(4).putInt(n).array());
        Arbitrary<byte[]> garbage = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(6);
        return switch (type) {
            case "str" -> strings;
            case "i64" -> longs;
            case "blob" -> Arbitraries.frequencyOf(Tuple.of(4, values), Tuple.of(1, brokenBlobs));
            default -> Arbitraries.oneOf(strings, longs, values, brokenBlobs, wrongLengths, garbage);
        };
    }

    private static byte[] lengthPrefixed(byte[] bytes) {
        return ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).array();
    }
}
