package io.sharedmemory.core.internal.protocol;

import io.sharedmemory.core.internal.wire.ErrorCodes;
import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;
import io.sharedmemory.core.internal.wire.ProtocolException;

/**
 * Watches the keys matching a glob on this connection: {@code u8} flags, {@code str} glob;
 * answered by {@link Ok} once main applies it, so every change applied after the reply is pushed
 * as a {@link KeyEventPush}. Watching a glob the connection already watches replaces its flags.
 *
 * @param glob the glob pattern of the keys
 * @param withValues whether the pushes carry the old and new values (flag bit 0); without it
 *        they carry the key only, which is what a near cache needs to invalidate
 */
public record Watch(String glob, boolean withValues) implements Request {

    /** Its opcode, WATCH. */
    public static final byte OPCODE = Opcodes.WATCH;

    /** Flag bit: pushes carry old and new values. */
    public static final int VALUES = 0x01;

    /**
     * Reads the fields that follow the opcode and the id.
     * @param body the frame, positioned at the first field
     * @return the request
     * @throws ProtocolException if a flag bit other than {@link #VALUES} is set
     */
    public static Watch read(FrameBody body) {
        int flags = body.u8();
        if ((flags & ~VALUES) != 0) {
            throw new ProtocolException(ErrorCodes.PROTOCOL_ERROR, "Unknown WATCH flags " + flags);
        }
        String glob = body.string();
        body.end();
        return new Watch(glob, (flags & VALUES) != 0);
    }

    @Override
    public byte opcode() {
        return OPCODE;
    }

    @Override
    public void writeFields(FrameEncoder out) {
        out.putU8(this.withValues ? VALUES : 0);
        out.putString(this.glob);
    }
}
