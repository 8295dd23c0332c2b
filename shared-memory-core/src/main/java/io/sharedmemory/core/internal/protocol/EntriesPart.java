package io.sharedmemory.core.internal.protocol;

import java.util.Map;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * A part of a reply with entries too large for one frame, in the layout of {@link Entries}:
 * more frames follow for the same id, the last of them an {@link EntriesReply} (or an
 * {@link ErrorReply}, which voids the parts). The reply is every part's entries plus the last
 * frame's, in order; together they are one snapshot.
 *
 * @param entries the entries of this part
 */
public record EntriesPart(Map<String, byte[]> entries) implements ReplyPart {

    /** Its opcode, ENTRIES_PART. */
    public static final byte OPCODE = Opcodes.ENTRIES_PART;

    /** Bytes of this frame body, and of an {@code ENTRIES} one, besides the entries: opcode, id, count. */
    public static final int FIXED_BYTES = HEADER_BYTES + 4;

    /**
     * Tells what one entry adds to a frame body of this layout ({@code ENTRIES} or {@code ENTRIES_PART}).
     * @param key the key
     * @param value the encoded value
     * @return bytes
     */
    public static int entryBytes(String key, byte[] value) {
        return Entries.size(key, value);
    }

    /**
     * Reads the fields that follow the opcode and the id.
     * @param body the frame, positioned at the first field
     * @return the part
     */
    public static EntriesPart read(FrameBody body) {
        Map<String, byte[]> entries = Entries.read(body);
        body.end();
        return new EntriesPart(entries);
    }

    @Override
    public byte opcode() {
        return OPCODE;
    }

    @Override
    public void writeFields(FrameEncoder out) {
        Entries.write(out, this.entries, Integer.MAX_VALUE);
    }

    /** Equal when both hold the same keys with the same bytes. */
    @Override
    public boolean equals(Object o) {
        return o instanceof EntriesPart other && Entries.equal(this.entries, other.entries);
    }

    @Override
    public int hashCode() {
        return Entries.hash(this.entries);
    }

    @Override
    public String toString() {
        return "EntriesPart[" + this.entries.size() + " entries]";
    }
}
