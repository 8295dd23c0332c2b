package io.sharedmemory.core.internal.protocol;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * Reads a value; answered by {@link ValueReply}.
 *
 * @param key the key
 */
public record Get(String key) implements Request {

    /** Its opcode, GET. */
    public static final byte OPCODE = Opcodes.GET;

    /**
     * Reads the fields that follow the opcode and the id.
     * @param body the frame, positioned at the first field
     * @return the request
     */
    public static Get read(FrameBody body) {
        String key = body.string();
        body.end();
        return new Get(key);
    }

    @Override
    public byte opcode() {
        return OPCODE;
    }

    @Override
    public void writeFields(FrameEncoder out) {
        out.putString(this.key);
    }
}
