package io.sharedmemory.core.internal.protocol;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * A reply with a long.
 *
 * @param value the value
 */
public record LongReply(long value) implements Reply {

    /** Its opcode, LONG. */
    public static final byte OPCODE = Opcodes.LONG;

    /**
     * Reads the fields that follow the opcode and the id.
     * @param body the frame, positioned at the first field
     * @return the reply
     */
    public static LongReply read(FrameBody body) {
        long value = body.int64();
        body.end();
        return new LongReply(value);
    }

    @Override
    public byte opcode() {
        return OPCODE;
    }

    @Override
    public void writeFields(FrameEncoder out) {
        out.putLong(this.value);
    }
}
