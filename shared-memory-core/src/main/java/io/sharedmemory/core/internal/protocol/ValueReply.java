package io.sharedmemory.core.internal.protocol;

import java.util.Arrays;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * A reply with an optional value: {@code u8} present, then the {@code blob} if present.
 *
 * @param value the encoded value, or {@code null} if the key is absent
 */
public record ValueReply(byte[] value) implements Reply {

    /** Its opcode, VALUE. */
    public static final byte OPCODE = Opcodes.VALUE;

    /**
     * Reads the fields that follow the opcode and the id.
     * @param body the frame, positioned at the first field
     * @return the reply
     */
    public static ValueReply read(FrameBody body) {
        byte[] value = (body.u8() != 0) ? body.blob() : null;
        body.end();
        return new ValueReply(value);
    }

    @Override
    public byte opcode() {
        return OPCODE;
    }

    @Override
    public void writeFields(FrameEncoder out) {
        if (this.value == null) {
            out.putU8(0);
        }
        else {
            out.putU8(1).putBytes(this.value);
        }
    }

    /** Equal when both are absent or hold the same bytes. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ValueReply other && Arrays.equals(this.value, other.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(this.value);
    }

    @Override
    public String toString() {
        return "ValueReply[" + ((this.value != null) ? this.value.length + " bytes" : "absent") + "]";
    }
}
