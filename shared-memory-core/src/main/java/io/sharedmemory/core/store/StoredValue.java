package io.sharedmemory.core.store;

/**
 * One stored value: its encoded bytes (the form children get) and, when the value is
 * immutable and already decoded, that object, so main's own reads skip decoding.
 */
public final class StoredValue {
    // TODO(codec-store): fields bytes + volatile cached object

    /** @param bytes encoded bytes from a child @return a value with no decoded form yet */
    public static StoredValue encoded(byte[] bytes) { throw new UnsupportedOperationException("TODO"); }

    /** @param bytes encoded bytes @param decoded the value; kept only if ValueCodec.isImmutable @return the value */
    public static StoredValue of(byte[] bytes, Object decoded) { throw new UnsupportedOperationException("TODO"); }

    /** @return the encoded bytes (never modify) */
    public byte[] bytes() { throw new UnsupportedOperationException("TODO"); }

    /** @return the decoded immutable value, or null if not known */
    public Object cachedValue() { throw new UnsupportedOperationException("TODO"); }

    /** Remembers a decoded form if it is immutable. @param decoded the decoded value */
    public void cache(Object decoded) { throw new UnsupportedOperationException("TODO"); }
}
