package io.sharedmemory.core.internal.protocol;

import java.util.List;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * A part of a reply with keys too large for one frame, in the layout of {@link Names}: more
 * frames follow for the same id, the last of them a {@link KeyListReply} (or an
 * {@link ErrorReply}, which voids the parts). The reply is every part's keys plus the last
 * frame's, in order; together they are one snapshot.
 *
 * @param keys the keys of this part
 */
public record KeysPart(List<String> keys) implements ReplyPart {

    /** Its opcode, KEYS_PART. */
    public static final byte OPCODE = Opcodes.KEYS_PART;

    /** Bytes of this frame body, and of a {@code KEYS} one, besides the keys: opcode, id, count. */
    public static final int FIXED_BYTES = HEADER_BYTES + 4;

    /**
     * Tells what one key adds to a frame body of this layout ({@code KEYS} or {@code KEYS_PART}).
     * @param key the key
     * @return bytes
     */
    public static int keyBytes(String key) {
        return Names.size(key);
    }

    /**
     * Reads the fields that follow the opcode and the id.
     * @param body the frame, positioned at the first field
     * @return the part
     */
    public static KeysPart read(FrameBody body) {
        List<String> keys = Names.read(body);
        body.end();
        return new KeysPart(keys);
    }

    @Override
    public byte opcode() {
        return OPCODE;
    }

    @Override
    public void writeFields(FrameEncoder out) {
        Names.write(out, this.keys, Integer.MAX_VALUE);
    }

    @Override
    public String toString() {
        return "KeysPart" + this.keys;
    }
}
