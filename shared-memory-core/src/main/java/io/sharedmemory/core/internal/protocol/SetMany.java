package io.sharedmemory.core.internal.protocol;

import java.util.Map;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * Stores every entry at once, atomically, without a time to live; answered by {@link Ok}.
 *
 * @param entries the entries
 * @param limit the frame size past which writing stops (the frame is then refused as too
 *        large); not sent
 */
public record SetMany(Map<String, byte[]> entries, int limit) implements Request {

    /** Its opcode, SET_MANY. */
    public static final byte OPCODE = Opcodes.SET_MANY;

    /**
     * A request with no size limit of its own (the frame limit still applies).
     * @param entries the entries
     */
    public SetMany(Map<String, byte[]> entries) {
        this(entries, Integer.MAX_VALUE);
    }

    /**
     * Reads the fields that follow the opcode and the id.
     * @param body the frame, positioned at the first field
     * @return the request
     */
    public static SetMany read(FrameBody body) {
        Map<String, byte[]> entries = Entries.read(body);
        body.end();
        return new SetMany(entries);
    }

    @Override
    public byte opcode() {
        return OPCODE;
    }

    @Override
    public void writeFields(FrameEncoder out) {
        Entries.write(out, this.entries, this.limit);
    }

    /** Equal when both hold the same keys with the same bytes. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SetMany other && Entries.equal(this.entries, other.entries);
    }

    @Override
    public int hashCode() {
        return Entries.hash(this.entries);
    }

    @Override
    public String toString() {
        return "SetMany[" + this.entries.size() + " entries]";
    }
}
