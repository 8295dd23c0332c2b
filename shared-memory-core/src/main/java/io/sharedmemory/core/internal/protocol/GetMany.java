package io.sharedmemory.core.internal.protocol;

import java.util.List;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * Reads many keys at once, as one snapshot; answered by {@link EntriesReply} with the keys that are present.
 *
 * @param keys the keys
 * @param limit the frame size past which writing stops (the frame is then refused as too
 *        large); not sent
 */
public record GetMany(List<String> keys, int limit) implements Request {

    /** Its opcode, GET_MANY. */
    public static final byte OPCODE = Opcodes.GET_MANY;

    /**
     * A request with no size limit of its own (the frame limit still applies).
     * @param keys the keys
     */
    public GetMany(List<String> keys) {
        this(keys, Integer.MAX_VALUE);
    }

    /**
     * Reads the fields that follow the opcode and the id.
     * @param body the frame, positioned at the first field
     * @return the request
     */
    public static GetMany read(FrameBody body) {
        List<String> keys = Names.read(body);
        body.end();
        return new GetMany(keys);
    }

    @Override
    public byte opcode() {
        return OPCODE;
    }

    @Override
    public void writeFields(FrameEncoder out) {
        Names.write(out, this.keys, this.limit);
    }

    /** Equal when both hold the same keys in the same order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof GetMany other && this.keys.equals(other.keys);
    }

    @Override
    public int hashCode() {
        return this.keys.hashCode();
    }

    @Override
    public String toString() {
        return "GetMany" + this.keys;
    }
}
