package io.sharedmemory.core.internal.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.UUID;

import io.sharedmemory.core.SharedMemoryCodecException;

/**
 * Encodes values to the binary form of docs/PROTOCOL.md ("Values") and back.
 * Thread-safe. Built-in types use a compact tagged form; records and plain objects are
 * JSON (Jackson) behind their class name, decoded only when the class is trusted.
 */
public final class ValueCodec {

    /** The deepest nesting a value may have. */
    public static final int MAX_DEPTH = 256;

    private final TrustedPackages trusted;
    private final JsonObjects json;

    /**
     * Creates a codec.
     * @param trustedPackages packages, besides java.lang/java.util/java.time, whose classes may be decoded
     *        (each also trusts its sub-packages; wildcards such as {@code *} are refused)
     * @param classLoader loads records and plain objects; null means this library's class loader
     * @throws IllegalArgumentException if an entry is not a package name
     */
    public ValueCodec(Collection<String> trustedPackages, ClassLoader classLoader) {
        this.trusted = new TrustedPackages(trustedPackages);
        this.json = new JsonObjects(trusted, classLoader);
    }

    /**
     * Encodes a value.
     * @param value not null
     * @return its bytes
     * @throws NullPointerException if value is null
     * @throws io.sharedmemory.core.SharedMemoryCodecException if it cannot be encoded
     */
    public byte[] encode(Object value) {
        Objects.requireNonNull(value, "value");
        // The benchmark's common cases skip the general writer and its buffer copy.
        Class<?> type = value.getClass();
        if (type == String.class) {
            return ValueWriter.encodeString((String) value);
        }
        if (type == byte[].class) {
            return ValueWriter.encodeBytes((byte[]) value);
        }
        if (type == Long.class) {
            return ValueWriter.encodeLong((Long) value);
        }
        return new ValueWriter(json).encode(value);
    }

    /**
     * Decodes a value.
     * @param bytes an encoded value
     * @return a new object
     * @throws io.sharedmemory.core.SharedMemoryCodecException if malformed or untrusted
     */
    public Object decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length >= 5 && Bytes.getInt(bytes, 1) == bytes.length - 5) {
            if (bytes[0] == ValueTags.STRING) {
                return new String(bytes, 5, bytes.length - 5, StandardCharsets.UTF_8);
            }
            if (bytes[0] == ValueTags.BYTES) {
                return Arrays.copyOfRange(bytes, 5, bytes.length);
            }
        }
        return new ValueReader(bytes, json, false).readTop();
    }

    /**
     * Checks an encoded value without loading any class: tags, lengths, depth, trusted class names.
     * @param bytes an encoded value
     * @throws io.sharedmemory.core.SharedMemoryCodecException if it is not acceptable
     */
    public void validate(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        new ValueValidator(bytes, trusted).validateTop();
    }

    /**
     * Compares two encoded values by value (see docs/PROTOCOL.md), without loading classes.
     * @param a an encoded value
     * @param b an encoded value
     * @return true if they are equal
     * @throws io.sharedmemory.core.SharedMemoryCodecException if either is malformed (unless both are identical bytes)
     */
    public boolean sameValue(byte[] a, byte[] b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (Arrays.equals(a, b)) {
            return true;
        }
        Object left = new ValueReader(a, json, true).readTop();
        Object right = new ValueReader(b, json, true).readTop();
        return left.equals(right);
    }

    /**
     * Tells whether a value is immutable, so a decoded copy may be shared between readers.
     * @param value a decoded value
     * @return true for String, boxed primitives, BigInteger, BigDecimal, UUID, java.time values, enums
     */
    public static boolean isImmutable(Object value) {
        if (value == null) {
            return false;
        }
        Class<?> type = value.getClass();
        return type == String.class || type == Long.class || type == Integer.class || type == Boolean.class
                || type == Double.class || type == Short.class || type == Byte.class || type == Float.class
                || type == Character.class || type == BigInteger.class || type == BigDecimal.class
                || type == UUID.class || TimeKinds.isTimeClass(type) || value instanceof Enum<?>;
    }

    /**
     * Tells whether an encoded value is a whole {@code Byte}, {@code Short}, {@code Integer} or {@code Long},
     * the values {@code INCREMENT} accepts.
     * @param encoded an encoded value
     * @return true if {@link #readInteger} can read it
     */
    public static boolean isInteger(byte[] encoded) {
        if (encoded.length == 0) {
            return false;
        }
        return switch (encoded[0]) {
            case ValueTags.BYTE -> encoded.length == 2;
            case ValueTags.SHORT -> encoded.length == 3;
            case ValueTags.INT -> encoded.length == 5;
            case ValueTags.LONG -> encoded.length == 9;
            default -> false;
        };
    }

    /**
     * Reads an encoded {@code Byte}, {@code Short}, {@code Integer} or {@code Long} as a long.
     * @param encoded an encoded value for which {@link #isInteger} is true
     * @return its value
     * @throws io.sharedmemory.core.SharedMemoryCodecException if it is not such a value
     */
    public static long readInteger(byte[] encoded) {
        if (!isInteger(encoded)) {
            throw new SharedMemoryCodecException("Value is not a Byte, Short, Integer or Long");
        }
        return switch (encoded[0]) {
            case ValueTags.BYTE -> encoded[1];
            case ValueTags.SHORT -> (short) ((encoded[1] & 0xFF) << 8 | (encoded[2] & 0xFF));
            case ValueTags.INT -> Bytes.getInt(encoded, 1);
            default -> Bytes.getLong(encoded, 1);
        };
    }

    /**
     * Encodes a {@code Long} without going through {@link #encode}; the store's increment uses it.
     * @param value the number
     * @return the encoded {@code Long}
     */
    public static byte[] encodeLong(long value) {
        return ValueWriter.encodeLong(value);
    }
}
