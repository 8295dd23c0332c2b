package io.sharedmemory.core.internal.protocol;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * Copies every entry; answered by {@link EntriesReply}.
 *
 */
public record GetAll() implements Request {

    /** Its opcode, GET_ALL. */
    public static final byte OPCODE = Opcodes.GET_ALL;

    /**
     * Reads the (empty) fields that follow the opcode and the id.
     * @param body the frame, positioned after the id
     * @return the request
     */
    public static GetAll read(FrameBody body) {
        body.end();
        return new GetAll();
    }

    @Override
    public byte opcode() {
        return OPCODE;
    }

    @Override
    public void writeFields(FrameEncoder out) {
    }
}
