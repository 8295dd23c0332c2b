package io.sharedmemory.core.internal.store;

import java.util.Objects;

import io.sharedmemory.core.internal.codec.ValueCodec;

/**
 * One stored value: its encoded bytes (the form children get) and, when the value is
 * immutable and already decoded, that object, so main's own reads skip decoding.
 * Equality is identity on purpose: the store's compare-and-set swaps exact instances.
 * <p>
 * The store keeps a value without a decoded form as its bare bytes ({@link #held()}): for
 * values from children, the common case, this wrapper would be an eighth of the memory of a
 * small entry. Reads of such a value get a fresh wrapper, so caching into it lasts one read.
 */
public final class StoredValue {

    private final byte[] bytes;
    /** Only immutable objects, so sharing one between readers is safe; volatile for safe publication. */
    private volatile Object cached;

    private StoredValue(byte[] bytes, Object cached) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        this.cached = cached;
    }

    /**
     * Wraps encoded bytes, typically sent by a child.
     * @param bytes encoded bytes from a child; not copied
     * @return a value with no decoded form yet
     */
    public static StoredValue encoded(byte[] bytes) {
        return new StoredValue(bytes, null);
    }

    /**
     * Wraps encoded bytes together with the value they encode.
     * @param bytes encoded bytes; not copied
     * @param decoded the value; kept only if {@link ValueCodec#isImmutable}
     * @return the value
     */
    public static StoredValue of(byte[] bytes, Object decoded) {
        return new StoredValue(bytes, ValueCodec.isImmutable(decoded) ? decoded : null);
    }

    /**
     * The encoded form.
     * @return the encoded bytes (shared: never modify)
     */
    public byte[] bytes() {
        return bytes;
    }

    /**
     * The decoded form, if known and immutable.
     * @return the decoded immutable value, or null if not known
     */
    public Object cachedValue() {
        return cached;
    }

    /**
     * Remembers a decoded form if it is immutable; mutable ones must be decoded afresh per reader.
     * @param decoded the decoded value
     */
    public void cache(Object decoded) {
        if (ValueCodec.isImmutable(decoded)) {
            cached = decoded;
        }
    }

    /** What the store keeps for this value: the bare bytes when there is no decoded form, else this. */
    Object held() {
        return (cached == null) ? bytes : this;
    }

    /** The value of something {@link #held()} returned. */
    static StoredValue ofHeld(Object held) {
        return (held instanceof StoredValue value) ? value : new StoredValue((byte[]) held, null);
    }

    /** The bytes of something {@link #held()} returned, without a wrapper. */
    static byte[] bytesOfHeld(Object held) {
        return (held instanceof StoredValue value) ? value.bytes : (byte[]) held;
    }

    @Override
    public String toString() {
        return "StoredValue[" + bytes.length + " bytes" + (cached != null ? ", cached" : "") + "]";
    }
}
