package io.sharedmemory.core.internal.protocol;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * Adds to an integer; answered by {@link LongReply} (the new value).
 *
 * @param key the key
 * @param delta the amount to add
 */
public record Increment(String key, long delta) implements Request {

    /** Its opcode, INCREMENT. */
    public static final byte OPCODE = Opcodes.INCREMENT;

    /**
     * Reads the fields that follow the opcode and the id.
     * @param body the frame, positioned at the first field
     * @return the request
     */
    public static Increment read(FrameBody body) {
        String key = body.string();
        long delta = body.int64();
        body.end();
        return new Increment(key, delta);
    }

    @Override
    public byte opcode() {
        return OPCODE;
    }

    @Override
    public void writeFields(FrameEncoder out) {
        out.putString(this.key);
        out.putLong(this.delta);
    }
}
