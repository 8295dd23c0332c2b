package io.sharedmemory.core.internal.protocol;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * A reply without data.
 *
 */
public record Ok() implements Reply {

    /** Its opcode, OK. */
    public static final byte OPCODE = Opcodes.OK;

    /**
     * Reads the (empty) fields that follow the opcode and the id.
     * @param body the frame, positioned after the id
     * @return the reply
     */
    public static Ok read(FrameBody body) {
        body.end();
        return new Ok();
    }

    @Override
    public byte opcode() {
        return OPCODE;
    }

    @Override
    public void writeFields(FrameEncoder out) {
    }
}
