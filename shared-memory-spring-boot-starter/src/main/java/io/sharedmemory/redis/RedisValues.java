package io.sharedmemory.redis;

import java.nio.charset.StandardCharsets;

import io.sharedmemory.core.SharedMemoryCodecException;
import io.sharedmemory.core.internal.codec.ValueCodec;

/**
 * How values are kept in Redis: a {@code Long} as Redis's own integer text, so that
 * {@code INCRBY} applies to it and any Redis tool reads it, and every other value in the
 * store's binary form (docs/PROTOCOL.md, "Values"). The two never mix up: every tag of the binary
 * form is below {@code '-'} (0x2D), and integer text starts with a digit or {@code '-'}.
 * Values over {@code max-frame-size} are refused in both directions, as on the socket.
 */
final class RedisValues {

    private final ValueCodec codec;

    private final int maxSize;

    RedisValues(ValueCodec codec, int maxSize) {
        this.codec = codec;
        this.maxSize = maxSize;
    }

    byte[] encode(Object value) {
        byte[] bytes = (value instanceof Long number) ? Long.toString(number).getBytes(StandardCharsets.US_ASCII)
                : this.codec.encode(value);
        checkSize(bytes);
        return bytes;
    }

    /**
     * Decodes a value read from Redis.
     * @throws SharedMemoryCodecException if it is malformed, too large, or names an untrusted type
     */
    Object decode(byte[] bytes) {
        checkSize(bytes);
        if (isIntegerText(bytes)) {
            try {
                return Long.parseLong(new String(bytes, StandardCharsets.US_ASCII));
            }
            catch (NumberFormatException ex) {
                throw new SharedMemoryCodecException("Value is neither an integer nor a shared-memory value", ex);
            }
        }
        return this.codec.decode(bytes);
    }

    byte[] encodeMessage(Object message) {
        byte[] bytes = this.codec.encode(message);
        checkSize(bytes);
        return bytes;
    }

    /**
     * Tells whether two encoded values are equal as values, as main decides it: integer text is
     * canonical, so it is equal only to the same text; other values are compared by the codec
     * ({@code equals} after decoding, without loading classes).
     */
    boolean sameValue(byte[] stored, byte[] expected) {
        if (isIntegerText(stored) || isIntegerText(expected)) {
            return java.util.Arrays.equals(stored, expected);
        }
        return this.codec.sameValue(stored, expected);
    }

    private static boolean isIntegerText(byte[] bytes) {
        return bytes.length > 0 && (bytes[0] == '-' || (bytes[0] >= '0' && bytes[0] <= '9'));
    }

    private void checkSize(byte[] bytes) {
        if (bytes.length > this.maxSize) {
            throw new SharedMemoryCodecException("The value is " + bytes.length
                    + " bytes, over max-frame-size " + this.maxSize);
        }
    }
}
