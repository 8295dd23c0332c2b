package io.sharedmemory.core.internal.protocol;

import java.util.Arrays;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * Replaces a value that equals {@code expected}; answered by {@link BooleanReply} (replaced).
 *
 * @param key the key
 * @param expected the value the key must hold
 * @param update the new value
 */
public record CompareAndSet(String key, byte[] expected, byte[] update) implements Request {

    /** Its opcode, COMPARE_AND_SET. */
    public static final byte OPCODE = Opcodes.COMPARE_AND_SET;

    /**
     * Reads the fields that follow the opcode and the id.
     * @param body the frame, positioned at the first field
     * @return the request
     */
    public static CompareAndSet read(FrameBody body) {
        String key = body.string();
        byte[] expected = body.blob();
        byte[] update = body.blob();
        body.end();
        return new CompareAndSet(key, expected, update);
    }

    @Override
    public byte opcode() {
        return OPCODE;
    }

    @Override
    public void writeFields(FrameEncoder out) {
        out.putString(this.key);
        out.putBytes(this.expected);
        out.putBytes(this.update);
    }

    /** Equal when every field is, the bytes compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof CompareAndSet other
                && this.key.equals(other.key)
                && Arrays.equals(this.expected, other.expected)
                && Arrays.equals(this.update, other.update);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * this.key.hashCode() + Arrays.hashCode(this.expected)) + Arrays.hashCode(this.update);
    }

    @Override
    public String toString() {
        return "CompareAndSet[" + "key=" + this.key 
                + ", " + "expected=" + this.expected.length + " bytes" 
                + ", " + "update=" + this.update.length + " bytes" + "]";
    }
}
