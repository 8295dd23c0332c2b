package io.sharedmemory.core.internal.protocol;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * Subscribes this connection to a channel; answered by {@link Ok}.
 *
 * @param channel the channel
 */
public record Subscribe(String channel) implements Request {

    /** Its opcode, SUBSCRIBE. */
    public static final byte OPCODE = Opcodes.SUBSCRIBE;

    /**
     * Reads the fields that follow the opcode and the id.
     * @param body the frame, positioned at the first field
     * @return the request
     */
    public static Subscribe read(FrameBody body) {
        String channel = body.string();
        body.end();
        return new Subscribe(channel);
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
