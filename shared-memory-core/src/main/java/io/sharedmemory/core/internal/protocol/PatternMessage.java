package io.sharedmemory.core.internal.protocol;

import java.util.Arrays;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * A message pushed to a connection subscribed to a pattern its channel matches.
 *
 * @param pattern the glob pattern
 * @param channel the channel
 * @param payload the encoded message
 */
public record PatternMessage(String pattern, String channel, byte[] payload) implements Push {

    /** Its opcode, PMESSAGE. */
    public static final byte OPCODE = Opcodes.PMESSAGE;

    /**
     * Reads the fields that follow the opcode.
     * @param body the frame, positioned at the first field
     * @return the message
     */
    public static PatternMessage read(FrameBody body) {
        String pattern = body.string();
        String channel = body.string();
        byte[] payload = body.blob();
        body.end();
        return new PatternMessage(pattern, channel, payload);
    }

    @Override
    public byte opcode() {
        return OPCODE;
    }

    @Override
    public void writeFields(FrameEncoder out) {
        out.putString(this.pattern);
        out.putString(this.channel);
        out.putBytes(this.payload);
    }

    /** Equal when every field is, the bytes compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PatternMessage other
                && this.pattern.equals(other.pattern)
                && this.channel.equals(other.channel)
                && Arrays.equals(this.payload, other.payload);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * this.pattern.hashCode() + this.channel.hashCode()) + Arrays.hashCode(this.payload);
    }

    @Override
    public String toString() {
        return "PatternMessage[" + "pattern=" + this.pattern 
                + ", " + "channel=" + this.channel 
                + ", " + "payload=" + this.payload.length + " bytes" + "]";
    }
}
