package io.sharedmemory.core.internal.protocol;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * A reply with a boolean.
 *
 * @param value the value
 */
public record BooleanReply(boolean value) implements Reply {

    /** Its opcode, BOOLEAN. */
    public static final byte OPCODE = Opcodes.BOOLEAN;

    /**
     * Reads the fields that follow the opcode and the id.
     * @param body the frame, positioned at the first field
     * @return the reply
     */
    public static BooleanReply read(FrameBody body) {
        boolean value = body.u8() != 0;
        body.end();
        return new BooleanReply(value);
    }

    @Override
    public byte opcode() {
        return OPCODE;
    }

    @Override
    public void writeFields(FrameEncoder out) {
        out.putU8(this.value ? 1 : 0);
    }
}
