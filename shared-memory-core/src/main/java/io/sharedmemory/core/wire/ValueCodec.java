package io.sharedmemory.core.wire;

import java.util.Collection;

/**
 * Encodes values to the binary form of docs/PROTOCOL.md ("Values") and back.
 * Thread-safe. Built-in types use a compact tagged form; records and plain objects are
 * JSON (Jackson) behind their class name, decoded only when the class is trusted.
 */
public final class ValueCodec {

    /** The deepest nesting a value may have. */
    public static final int MAX_DEPTH = 256;

    /**
     * Creates a codec.
     * @param trustedPackages packages, besides java.lang/java.util/java.time, whose classes may be decoded
     * @param classLoader loads records and plain objects
     */
    public ValueCodec(Collection<String> trustedPackages, ClassLoader classLoader) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Encodes a value.
     * @param value not null
     * @return its bytes
     * @throws NullPointerException if value is null
     * @throws io.sharedmemory.core.SharedMemoryCodecException if it cannot be encoded
     */
    public byte[] encode(Object value) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Decodes a value.
     * @param bytes an encoded value
     * @return a new object
     * @throws io.sharedmemory.core.SharedMemoryCodecException if malformed or untrusted
     */
    public Object decode(byte[] bytes) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Checks an encoded value without loading any class: tags, lengths, depth, trusted class names.
     * @param bytes an encoded value
     * @throws io.sharedmemory.core.SharedMemoryCodecException if it is not acceptable
     */
    public void validate(byte[] bytes) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Compares two encoded values by value (see docs/PROTOCOL.md), without loading classes.
     * @param a an encoded value
     * @param b an encoded value
     * @return true if they are equal
     */
    public boolean sameValue(byte[] a, byte[] b) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Tells whether a value is immutable, so a decoded copy may be shared between readers.
     * @param value a decoded value
     * @return true for String, boxed primitives, BigInteger, BigDecimal, UUID, java.time values
     */
    public static boolean isImmutable(Object value) {
        throw new UnsupportedOperationException("TODO");
    }
}
