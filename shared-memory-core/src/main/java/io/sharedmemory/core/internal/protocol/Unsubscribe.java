package io.sharedmemory.core.internal.protocol;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * Unsubscribes this connection from a channel; answered by {@link Ok}.
 *
 * @param channel the channel
 */
public record Unsubscribe(String channel) implements Request {

    /** Its opcode, UNSUBSCRIBE. */
    public static final byte OPCODE = Opcodes.UNSUBSCRIBE;

    /**
     * Reads the fields that follow the opcode and the id.
     * @param body the frame, positioned at the first field
     * @return the request
     */
    public static Unsubscribe read(FrameBody body) {
        String channel = body.string();
        body.end();
        return new Unsubscribe(channel);
    }

    @Override
    public byte opcode() {
        return OPCODE;
    }

    @Override
    public void writeFields(FrameEncoder out) {
        out.putString(this.channel);
    }
}
