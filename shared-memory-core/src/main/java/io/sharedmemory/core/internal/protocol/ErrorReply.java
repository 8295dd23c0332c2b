package io.sharedmemory.core.internal.protocol;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * A refused request: an error code of docs/PROTOCOL.md and a message.
 *
 * @param code the error code
 * @param message the message
 */
public record ErrorReply(int code, String message) implements Reply {

    /** Its opcode, ERROR. */
    public static final byte OPCODE = Opcodes.ERROR;

    /**
     * Reads the fields that follow the opcode and the id.
     * @param body the frame, positioned at the first field
     * @return the reply
     */
    public static ErrorReply read(FrameBody body) {
        int code = body.u16();
        String message = body.string();
        body.end();
        return new ErrorReply(code, message);
    }

    @Override
    public byte opcode() {
        return OPCODE;
    }

    @Override
    public void writeFields(FrameEncoder out) {
        out.putU16(this.code);
        out.putString(this.message);
    }
}
