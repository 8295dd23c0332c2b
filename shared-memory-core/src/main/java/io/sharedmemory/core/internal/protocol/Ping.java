package io.sharedmemory.core.internal.protocol;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * Checks liveness; answered by {@link Ok}.
 *
 */
public record Ping() implements Request {

    /** Its opcode, PING. */
    public static final byte OPCODE = Opcodes.PING;

    /**
     * Reads the (empty) fields that follow the opcode and the id.
     * @param body the frame, positioned after the id
     * @return the request
     */
    public static Ping read(FrameBody body) {
        body.end();
        return new Ping();
    }

    @Override
    public byte opcode() {
        return OPCODE;
    }

    @Override
    public void writeFields(FrameEncoder out) {
    }
}
