package io.sharedmemory.core.internal.protocol;

import java.util.Map;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * A reply with entries, in the layout of {@link Entries}; the last frame of a reply sent in
 * parts ({@link EntriesPart}).
 *
 * @param entries the entries
 */
public record EntriesReply(Map<String, byte[]> entries) implements Reply {

    /** Its opcode, ENTRIES. */
    public static final byte OPCODE = Opcodes.ENTRIES;

    /**
     * Reads the fields that follow the opcode and the id.
     * @param body the frame, positioned at the first field
     * @return the reply
     */
    public static EntriesReply read(FrameBody body) {
        Map<String, byte[]> entries = Entries.read(body);
        body.end();
        return new EntriesReply(entries);
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
        return o instanceof EntriesReply other && Entries.equal(this.entries, other.entries);
    }

    @Override
    public int hashCode() {
        return Entries.hash(this.entries);
    }

    @Override
    public String toString() {
        return "EntriesReply[" + this.entries.size() + " entries]";
    }
}
