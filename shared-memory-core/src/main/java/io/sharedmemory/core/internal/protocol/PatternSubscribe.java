package io.sharedmemory.core.internal.protocol;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * Subscribes this connection to a channel pattern; answered by {@link Ok}.
 *
 * @param pattern the glob pattern
 */
public record PatternSubscribe(String pattern) implements Request {

    /** Its opcode, PSUBSCRIBE. */
    public static final byte OPCODE = Opcodes.PSUBSCRIBE;

    /**
     * Reads the fields that follow the opcode and the id.
     * @param body the frame, positioned at the first field
     * @return the request
     */
    public static PatternSubscribe read(FrameBody body) {
        String pattern = body.string();
        body.end();
        return new PatternSubscribe(pattern);
    }

    @Override
    public byte opcode() {
        return OPCODE;
    }

    @Override
    public void writeFields(FrameEncoder out) {
        out.putString(this.pattern);
    }
}
