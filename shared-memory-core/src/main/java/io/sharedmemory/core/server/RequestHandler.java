package io.sharedmemory.core.server;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sharedmemory.core.SharedMemoryCodecException;
import io.sharedmemory.core.store.GlobPattern;
import io.sharedmemory.core.store.InMemoryStore;
import io.sharedmemory.core.store.NotAnIntegerException;
import io.sharedmemory.core.store.StoredValue;
import io.sharedmemory.core.wire.ErrorCodes;
import io.sharedmemory.core.wire.FrameBody;
import io.sharedmemory.core.wire.FrameEncoder;
import io.sharedmemory.core.wire.Opcodes;
import io.sharedmemory.core.wire.ProtocolException;
import io.sharedmemory.core.wire.ValueCodec;

/**
 * Serves one request frame of a child against main's store and router, writing exactly one
 * reply. A malformed frame throws {@link ProtocolException} (the connection is closed); a
 * refused request gets an {@code ERROR} reply and the connection carries on.
 */
final class RequestHandler {

    private static final Logger logger = LoggerFactory.getLogger(RequestHandler.class);

    private final InMemoryStore store;

    private final MessageRouter router;

    private final ValueCodec codec;

    private final int maxFrameSize;

    RequestHandler(InMemoryStore store, MessageRouter router, ValueCodec codec, int maxFrameSize) {
        this.store = store;
        this.router = router;
        this.codec = codec;
        this.maxFrameSize = maxFrameSize;
    }

    void handle(FrameBody frame, FrameEncoder out, ChildConnection connection) {
        byte opcode = frame.opcode();
        int id = frame.int32();
        try {
            serve(opcode, id, frame, out, connection);
        }
        catch (NotAnIntegerException ex) {
            error(out, id, ErrorCodes.NOT_AN_INTEGER, ex.getMessage());
        }
        catch (SharedMemoryCodecException ex) {
            logger.warn("Refused a value from {}: {}", connection, ex.getMessage());
            error(out, id, ErrorCodes.BAD_VALUE, ex.getMessage());
        }
        catch (IllegalArgumentException ex) {
            error(out, id, ErrorCodes.BAD_REQUEST, ex.getMessage());
        }
        catch (ProtocolException ex) {
            throw ex;
        }
        catch (RuntimeException ex) {
            logger.error("Request {} from {} failed", opcode, connection, ex);
            error(out, id, ErrorCodes.INTERNAL, ex.toString());
        }
        if (out.currentFrameSize() > 0) {
            throw new IllegalStateException("Reply not ended");
        }
    }

    private void serve(byte opcode, int id, FrameBody frame, FrameEncoder out, ChildConnection connection) {
        switch (opcode) {
            case Opcodes.GET -> {
                String key = frame.string();
                frame.end();
                StoredValue value = this.store.get(key);
                out.begin(Opcodes.VALUE).putInt(id);
                if (value == null) {
                    out.putU8(0);
                }
                else {
                    out.putU8(1).putBytes(value.bytes());
                }
                endChecked(out, id);
            }
            case Opcodes.SET -> {
                String key = frame.string();
                long ttl = ttl(frame.int64());
                StoredValue value = value(frame.blob());
                frame.end();
                this.store.set(key, value, ttl);
                ok(out, id);
            }
            case Opcodes.SET_IF_ABSENT -> {
                String key = frame.string();
                long ttl = ttl(frame.int64());
                StoredValue value = value(frame.blob());
                frame.end();
                bool(out, id, this.store.setIfAbsent(key, value, ttl));
            }
            case Opcodes.DELETE -> {
                String key = frame.string();
                frame.end();
                bool(out, id, this.store.delete(key));
            }
            case Opcodes.GET_ALL -> {
                frame.end();
                Map<String, StoredValue> entries = this.store.snapshot();
                out.begin(Opcodes.ENTRIES).putInt(id).putInt(entries.size());
                for (Map.Entry<String, StoredValue> entry : entries.entrySet()) {
                    out.putString(entry.getKey()).putBytes(entry.getValue().bytes());
                    if (out.currentFrameSize() > this.maxFrameSize + 4) {
                        break;
                    }
                }
                endChecked(out, id);
            }
            case Opcodes.KEYS -> {
                GlobPattern pattern = GlobPattern.compile(frame.string());
                frame.end();
                List<String> keys = this.store.keys(pattern);
                out.begin(Opcodes.KEY_LIST).putInt(id).putInt(keys.size());
                for (String key : keys) {
                    out.putString(key);
                    if (out.currentFrameSize() > this.maxFrameSize + 4) {
                        break;
                    }
                }
                endChecked(out, id);
            }
            case Opcodes.COMPARE_AND_SET -> {
                String key = frame.string();
                byte[] expected = frame.blob();
                StoredValue update = value(frame.blob());
                frame.end();
                this.codec.validate(expected);
                bool(out, id, this.store.compareAndSet(key, expected, update));
            }
            case Opcodes.INCREMENT -> {
                String key = frame.string();
                long delta = frame.int64();
                frame.end();
                long result = this.store.increment(key, delta);
                out.begin(Opcodes.LONG).putInt(id).putLong(result);
                out.end();
            }
            case Opcodes.PUBLISH -> {
                String channel = frame.string();
                byte[] message = frame.blob();
                frame.end();
                this.codec.validate(message);
                this.router.publish(channel, message);
                ok(out, id);
            }
            case Opcodes.SUBSCRIBE -> {
                String channel = frame.string();
                frame.end();
                connection.subscribe(channel);
                ok(out, id);
            }
            case Opcodes.UNSUBSCRIBE -> {
                String channel = frame.string();
                frame.end();
                connection.unsubscribe(channel);
                ok(out, id);
            }
            case Opcodes.PSUBSCRIBE -> {
                String pattern = frame.string();
                frame.end();
                connection.subscribePattern(pattern);
                ok(out, id);
            }
            case Opcodes.PUNSUBSCRIBE -> {
                String pattern = frame.string();
                frame.end();
                connection.unsubscribePattern(pattern);
                ok(out, id);
            }
            case Opcodes.PING -> {
                frame.end();
                ok(out, id);
            }
            default -> throw new ProtocolException(ErrorCodes.PROTOCOL_ERROR, "Unknown request opcode " + opcode);
        }
    }

    private StoredValue value(byte[] bytes) {
        // Checked once here, without loading classes, so no child can plant a bad value.
        this.codec.validate(bytes);
        return StoredValue.encoded(bytes);
    }

    private static long ttl(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("Negative time to live: " + millis);
        }
        return millis;
    }

    /** Replaces a reply that grew past the frame limit by a TOO_LARGE error. */
    private void endChecked(FrameEncoder out, int id) {
        if (out.currentFrameSize() - 4 > this.maxFrameSize) {
            int size = out.currentFrameSize();
            out.abandon();
            error(out, id, ErrorCodes.TOO_LARGE, "The reply (over " + size + " bytes) exceeds max-frame-size "
                    + this.maxFrameSize);
            return;
        }
        out.end();
    }

    private static void ok(FrameEncoder out, int id) {
        out.begin(Opcodes.OK).putInt(id);
        out.end();
    }

    private static void bool(FrameEncoder out, int id, boolean value) {
        out.begin(Opcodes.BOOLEAN).putInt(id).putU8(value ? 1 : 0);
        out.end();
    }

    private static void error(FrameEncoder out, int id, int code, String message) {
        out.abandon();
        out.begin(Opcodes.ERROR).putInt(id).putU16(code).putString(String.valueOf(message));
        out.end();
    }
}
