package io.sharedmemory.core.internal.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sharedmemory.core.internal.codec.ValueCodec;
import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;

/**
 * One frame of every kind, as docs/protocol-vectors.md lists them: the message, its id (for
 * requests and replies) and how the code writes it. Run {@link #main} to print the document's
 * table after a deliberate change of the protocol.
 */
final class ProtocolVectors {

    private static final ValueCodec CODEC = new ValueCodec(List.of(), null);

    private ProtocolVectors() {
    }

    /** A named frame: the message and, for requests and replies, its id. */
    record Vector(String name, Object message, int id) {

        /** The frame as the code writes it, length prefix included. */
        byte[] write() {
            FrameEncoder out = new FrameEncoder();
            if (this.message instanceof Request request) {
                request.write(out, this.id);
            }
            else if (this.message instanceof Reply reply) {
                reply.begin(out, this.id);
                out.end();
            }
            else if (this.message instanceof Push push) {
                push.write(out);
            }
            else if (this.message instanceof Handshake.Hello hello) {
                hello.writeTo(out);
            }
            else if (this.message instanceof Handshake.Welcome welcome) {
                welcome.writeTo(out);
            }
            else {
                ((Fatal) this.message).write(out);
            }
            return out.toByteArray();
        }
    }

    /** What a frame reads as, and the id it carries (0 for frames without one). */
    record Read(Object message, int id) {
    }

    /** Reads a whole frame, length prefix included, as client and server read it. */
    static Read read(byte[] frame) {
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        int length = buffer.getInt();
        if (length != buffer.remaining()) {
            throw new IllegalArgumentException("The length prefix says " + length + ", the frame holds "
                    + buffer.remaining());
        }
        ByteBuffer body = buffer.slice();
        byte opcode = body.get(0);
        if (opcode == io.sharedmemory.core.internal.wire.Opcodes.HELLO) {
            return new Read(Handshake.Hello.read(body), 0);
        }
        if (opcode == io.sharedmemory.core.internal.wire.Opcodes.WELCOME) {
            return new Read(Handshake.Welcome.read(body), 0);
        }
        FrameBody fields = new FrameBody(body);
        fields.opcode();
        if (opcode == Fatal.OPCODE) {
            return new Read(Fatal.read(fields), 0);
        }
        if (Pushes.isPush(opcode)) {
            return new Read(Pushes.read(opcode, fields), 0);
        }
        int id = fields.int32();
        return new Read(Replies.isReply(opcode) ? Replies.read(opcode, fields) : Requests.read(opcode, fields), id);
    }

    static List<Vector> all() {
        List<Vector> vectors = new ArrayList<>();
        vectors.add(new Vector("HELLO version 1, pid 4242, name \"worker\"", new Handshake.Hello(1, 4242, "worker"), 0));
        vectors.add(new Vector("HELLO version 1, pid 4242, name \"worker\", max frame 64 KiB (assembles parts)",
                new Handshake.Hello(1, 4242, "worker", 64 << 10), 0));
        vectors.add(new Vector("WELCOME version 1, max frame 16 MiB, pid 100", new Handshake.Welcome(1, 16 << 20, 100), 0));
        vectors.add(new Vector("FATAL 21 SHUTTING_DOWN \"main is stopping\"", new Fatal(21, "main is stopping"), 0));
        vectors.add(new Vector("GET id 1 \"user:1\"", new Get("user:1"), 1));
        vectors.add(new Vector("SET id 2 \"user:1\" = \"Ada\", no ttl", new SetValue("user:1", 0, value("Ada")), 2));
        vectors.add(new Vector("SET id 3 \"session\" = \"x\", ttl 30000 ms", new SetValue("session", 30_000, value("x")), 3));
        vectors.add(new Vector("DELETE id 4 \"user:1\"", new Delete("user:1"), 4));
        vectors.add(new Vector("GET_ALL id 5", new GetAll(), 5));
        vectors.add(new Vector("KEYS id 6 \"user:*\"", new Keys("user:*"), 6));
        vectors.add(new Vector("SET_IF_ABSENT id 7 \"lock\" = \"me\", ttl 5000 ms", new SetIfAbsent("lock", 5000,
                value("me")), 7));
        vectors.add(new Vector("COMPARE_AND_SET id 8 \"n\" from 1L to 2L", new CompareAndSet("n", value(1L), value(2L)), 8));
        vectors.add(new Vector("INCREMENT id 9 \"n\" by -3", new Increment("n", -3), 9));
        vectors.add(new Vector("PUBLISH id 10 \"news\" \"hi\"", new Publish("news", value("hi")), 10));
        vectors.add(new Vector("SUBSCRIBE id 11 \"news\"", new Subscribe("news"), 11));
        vectors.add(new Vector("UNSUBSCRIBE id 12 \"news\"", new Unsubscribe("news"), 12));
        vectors.add(new Vector("PSUBSCRIBE id 13 \"news.*\"", new PatternSubscribe("news.*"), 13));
        vectors.add(new Vector("PUNSUBSCRIBE id 14 \"news.*\"", new PatternUnsubscribe("news.*"), 14));
        vectors.add(new Vector("PING id 15", new Ping(), 15));
        vectors.add(new Vector("GET_MANY id 16 \"a\", \"b\"", new GetMany(List.of("a", "b")), 16));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("a", value(1L));
        entries.put("b", value("two"));
        vectors.add(new Vector("SET_MANY id 17 \"a\" = 1L, \"b\" = \"two\"", new SetMany(entries), 17));
        vectors.add(new Vector("WATCH id 18 \"config.*\" with values", new Watch("config.*", true), 18));
        vectors.add(new Vector("WATCH id 19 \"user:*\" keys only", new Watch("user:*", false), 19));
        vectors.add(new Vector("UNWATCH id 20 \"config.*\"", new Unwatch("config.*"), 20));
        vectors.add(new Vector("OK id 2", new Ok(), 2));
        vectors.add(new Vector("VALUE id 1, present: \"Ada\"", new ValueReply(value("Ada")), 1));
        vectors.add(new Vector("VALUE id 1, absent", new ValueReply(null), 1));
        vectors.add(new Vector("BOOLEAN id 4 true", new BooleanReply(true), 4));
        vectors.add(new Vector("LONG id 9 42", new LongReply(42), 9));
        vectors.add(new Vector("ENTRIES id 16 \"a\" = 1L", new EntriesReply(Map.of("a", value(1L))), 16));
        vectors.add(new Vector("KEYS (reply) id 6 \"user:1\", \"user:2\"", new KeyListReply(List.of("user:1", "user:2")), 6));
        vectors.add(new Vector("ENTRIES_PART id 5 \"a\" = 1L (more frames follow)",
                new EntriesPart(Map.of("a", value(1L))), 5));
        vectors.add(new Vector("ENTRIES id 5 \"b\" = \"two\" (the last frame of that reply)",
                new EntriesReply(Map.of("b", value("two"))), 5));
        vectors.add(new Vector("KEYS_PART id 6 \"user:1\" (more frames follow)", new KeysPart(List.of("user:1")), 6));
        vectors.add(new Vector("ERROR id 9 NOT_AN_INTEGER \"not an integer\"", new ErrorReply(2, "not an integer"), 9));
        vectors.add(new Vector("MESSAGE \"news\" \"hi\"", new Message("news", value("hi")), 0));
        vectors.add(new Vector("PMESSAGE \"news.*\" \"news.sport\" \"goal\"", new PatternMessage("news.*", "news.sport",
                value("goal")), 0));
        vectors.add(new Vector("KEY_EVENT 1 SET \"config.mode\" from \"a\" to \"b\"", new KeyEventPush(1,
                io.sharedmemory.core.KeyEvent.Type.SET, "config.mode", false, value("a"), value("b")), 0));
        vectors.add(new Vector("KEY_EVENT 2 SET \"config.new\" (was absent) to 1L", new KeyEventPush(2,
                io.sharedmemory.core.KeyEvent.Type.SET, "config.new", false, null, value(1L)), 0));
        vectors.add(new Vector("KEY_EVENT 3 DELETE \"config.mode\" (was \"b\")", new KeyEventPush(3,
                io.sharedmemory.core.KeyEvent.Type.DELETE, "config.mode", false, value("b"), null), 0));
        vectors.add(new Vector("KEY_EVENT 4 EXPIRE \"user:1\", keys only", new KeyEventPush(4,
                io.sharedmemory.core.KeyEvent.Type.EXPIRE, "user:1", true, null, null), 0));
        return vectors;
    }

    private static byte[] value(Object value) {
        return CODEC.encode(value);
    }

    /** Groups a frame's hex as the document shows it: the length prefix, then the body. */
    static String hex(byte[] frame) {
        HexFormat hex = HexFormat.of();
        return hex.formatHex(frame, 0, 4) + " " + hex.formatHex(frame, 4, frame.length);
    }

    /**
     * Prints the table of docs/protocol-vectors.md.
     * @param args none
     */
    public static void main(String[] args) {
        System.out.println("| frame | bytes (hex: length prefix, then body) |");
        System.out.println("| --- | --- |");
        for (Vector vector : all()) {
            System.out.println("| " + vector.name().replace("|", "\\|") + " | `" + hex(vector.write()) + "` |");
        }
    }
}
