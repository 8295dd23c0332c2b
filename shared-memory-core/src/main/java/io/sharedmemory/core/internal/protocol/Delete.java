package io.sharedmemory.core.internal.protocol;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * Removes a key; answered by {@link BooleanReply} (removed).
 *
 * @param key the key
 */
public record Delete(String key) implements Request {

    /** Its opcode, DELETE. */
    public static final byte OPCODE = Opcodes.DELETE;

    /**
     * Reads the fields that follow the opcode and the id.
     * @param body the frame, positioned at the first field
     * @return the request
     */
    public static Delete read(FrameBody body) {
        String key = body.string();
        body.end();
        return new Delete(key);
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
