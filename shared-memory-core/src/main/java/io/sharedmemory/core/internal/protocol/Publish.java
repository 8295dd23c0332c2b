package io.sharedmemory.core.internal.protocol;

import java.util.Arrays;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * Publishes a message; answered by {@link Ok}.
 *
 * @param channel the channel
 * @param message the message
 */
public record Publish(String channel, byte[] message) implements Request {

    /** Its opcode, PUBLISH. */
    public static final byte OPCODE = Opcodes.PUBLISH;

    /**
     * Reads the fields that follow the opcode and the id.
     * @param body the frame, positioned at the first field
     * @return the request
     */
    public static Publish read(FrameBody body) {
        String channel = body.string();
        byte[] message = body.blob();
        body.end();
        return new Publish(channel, message);
    }

    @Override
    public byte opcode() {
        return OPCODE;
    }

    @Override
    public void writeFields(FrameEncoder out) {
        out.putString(this.channel);
        out.putBytes(this.message);
    }

    /** Equal when every field is, the bytes compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Publish other
                && this.channel.equals(other.channel)
                && Arrays.equals(this.message, other.message);
    }

    @Override
    public int hashCode() {
        return 31 * this.channel.hashCode() + Arrays.hashCode(this.message);
    }

    @Override
    public String toString() {
        return "Publish[" + "channel=" + this.channel 
                + ", " + "message=" + this.message.length + " bytes" + "]";
    }
}
