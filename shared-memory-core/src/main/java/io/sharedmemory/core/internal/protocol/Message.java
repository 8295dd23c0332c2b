package io.sharedmemory.core.internal.protocol;

import java.util.Arrays;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * A message pushed to a connection subscribed to its channel.
 *
 * @param channel the channel
 * @param payload the encoded message
 */
public record Message(String channel, byte[] payload) implements Push {

    /** Its opcode, MESSAGE. */
    public static final byte OPCODE = Opcodes.MESSAGE;

    /**
     * Reads the fields that follow the opcode.
     * @param body the frame, positioned at the first field
     * @return the message
     */
    public static Message read(FrameBody body) {
        String channel = body.string();
        byte[] payload = body.blob();
        body.end();
        return new Message(channel, payload);
    }

    @Override
    public byte opcode() {
        return OPCODE;
    }

    @Override
    public void writeFields(FrameEncoder out) {
        out.putString(this.channel);
        out.putBytes(this.payload);
    }

    /** Equal when every field is, the bytes compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Message other
                && this.channel.equals(other.channel)
                && Arrays.equals(this.payload, other.payload);
    }

    @Override
    public int hashCode() {
        return 31 * this.channel.hashCode() + Arrays.hashCode(this.payload);
    }

    @Override
    public String toString() {
        return "Message[" + "channel=" + this.channel 
                + ", " + "payload=" + this.payload.length + " bytes" + "]";
    }
}
