package io.sharedmemory.core.internal.protocol;

import java.util.List;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * A reply with keys, in the layout of {@link Names}; the last frame of a reply sent in parts
 * ({@link KeysPart}).
 *
 * @param keys the keys
 */
public record KeyListReply(List<String> keys) implements Reply {

    /** Its opcode, KEY_LIST. */
    public static final byte OPCODE = Opcodes.KEY_LIST;

    /**
     * Reads the fields that follow the opcode and the id.
     * @param body the frame, positioned at the first field
     * @return the reply
     */
    public static KeyListReply read(FrameBody body) {
        List<String> keys = Names.read(body);
        body.end();
        return new KeyListReply(keys);
    }

    @Override
    public byte opcode() {
        return OPCODE;
    }

    @Override
    public void writeFields(FrameEncoder out) {
        Names.write(out, this.keys, Integer.MAX_VALUE);
    }

    /** Equal when both hold the same keys in the same order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof KeyListReply other && this.keys.equals(other.keys);
    }

    @Override
    public int hashCode() {
        return this.keys.hashCode();
    }

    @Override
    public String toString() {
        return "KeyListReply" + this.keys;
    }
}
