package io.sharedmemory.core.internal.protocol;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;

/**
 * Stops this connection's watch of a glob: {@code str} glob; answered by {@link Ok} (also when
 * the glob was not watched).
 *
 * @param glob the glob pattern, as it was watched
 */
public record Unwatch(String glob) implements Request {

    /** Its opcode, UNWATCH. */
    public static final byte OPCODE = Opcodes.UNWATCH;

    /**
     * Reads the fields that follow the opcode and the id.
     * @param body the frame, positioned at the first field
     * @return the request
     */
    public static Unwatch read(FrameBody body) {
        String glob = body.string();
        body.end();
        return new Unwatch(glob);
    }

    @Override
    public byte opcode() {
        return OPCODE;
    }

    @Override
    public void writeFields(FrameEncoder out) {
        out.putString(this.glob);
    }
}
