package io.sharedmemory.core.internal.protocol;

import java.util.Arrays;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * Stores a value if the key is absent; answered by {@link BooleanReply} (stored).
 *
 * @param key the key
 * @param ttlMillis the time to live in milliseconds, 0 for none
 * @param value the value
 */
public record SetIfAbsent(String key, long ttlMillis, byte[] value) implements Request {

    /** Its opcode, SET_IF_ABSENT. */
    public static final byte OPCODE = Opcodes.SET_IF_ABSENT;

    /**
     * Reads the fields that follow the opcode and the id.
     * @param body the frame, positioned at the first field
     * @return the request
     */
    public static SetIfAbsent read(FrameBody body) {
        String key = body.string();
        long ttlMillis = body.int64();
        byte[] value = body.blob();
        body.end();
        return new SetIfAbsent(key, ttlMillis, value);
    }

    @Override
    public byte opcode() {
        return OPCODE;
    }

    @Override
    public void writeFields(FrameEncoder out) {
        out.putString(this.key);
        out.putLong(this.ttlMillis);
        out.putBytes(this.value);
    }

    /** Equal when every field is, the bytes compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SetIfAbsent other
                && this.key.equals(other.key)
                && this.ttlMillis == other.ttlMillis
                && Arrays.equals(this.value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * this.key.hashCode() + Long.hashCode(this.ttlMillis)) + Arrays.hashCode(this.value);
    }

    @Override
    public String toString() {
        return "SetIfAbsent[" + "key=" + this.key 
                + ", " + "ttlMillis=" + this.ttlMillis 
                + ", " + "value=" + this.value.length + " bytes" + "]";
    }
}
