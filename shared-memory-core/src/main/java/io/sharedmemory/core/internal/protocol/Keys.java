package io.sharedmemory.core.internal.protocol;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * Lists the keys that match a glob; answered by {@link KeyListReply}.
 *
 * @param pattern the glob pattern
 */
public record Keys(String pattern) implements Request {

    /** Its opcode, KEYS. */
    public static final byte OPCODE = Opcodes.KEYS;

    /**
     * Reads the fields that follow the opcode and the id.
     * @param body the frame, positioned at the first field
     * @return the request
     */
    public static Keys read(FrameBody body) {
        String pattern = body.string();
        body.end();
        return new Keys(pattern);
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
