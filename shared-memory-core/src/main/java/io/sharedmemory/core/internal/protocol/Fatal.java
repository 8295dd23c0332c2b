package io.sharedmemory.core.internal.protocol;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * A connection-level error: {@code u8} opcode, {@code u16} error code, {@code str} message, no
 * id; its sender closes the connection right after.
 *
 * @param code the error code of docs/PROTOCOL.md
 * @param message what went wrong
 */
public record Fatal(int code, String message) {

    /** Its opcode, FATAL. */
    public static final byte OPCODE = Opcodes.FATAL;

    /**
     * Reads the fields that follow the opcode.
     * @param body the frame, positioned after the opcode
     * @return the error
     */
    public static Fatal read(FrameBody body) {
        int code = body.u16();
        String message = body.string();
        body.end();
        return new Fatal(code, message);
    }

    /**
     * Writes the whole frame.
     * @param out the encoder
     * @return the frame's length, prefix included
     */
    public int write(FrameEncoder out) {
        out.begin(OPCODE).putU16(this.code).putString(this.message);
        return out.end();
    }
}
