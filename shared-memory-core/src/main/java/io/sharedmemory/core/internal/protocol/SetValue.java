package io.sharedmemory.core.internal.protocol;

import java.util.Arrays;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * Stores a value with a time to live ({@code 0} = none); answered by {@link Ok}.
 *
 * @param key the key
 * @param ttlMillis the time to live in milliseconds, 0 for none
 * @param value the value
 */
public record SetValue(String key, long ttlMillis, byte[] value) implements Request {

    /** Its opcode, SET. */
    public static final byte OPCODE = Opcodes.SET;

    /**
     * Reads the fields that follow the opcode and the id.
     * @param body the frame, positioned at the first field
     * @return the request
     */
    public static SetValue read(FrameBody body) {
        String key = body.string();
        long ttlMillis = body.int64();
        byte[] value = body.blob();
        body.end();
        return new SetValue(key, ttlMillis, value);
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
        return o instanceof SetValue other
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
        return "SetValue[" + "key=" + this.key 
                + ", " + "ttlMillis=" + this.ttlMillis 
                + ", " + "value=" + this.value.length + " bytes" + "]";
    }
}
