package io.sharedmemory.core.internal.protocol;

import io.sharedmemory.core.internal.wire.FrameEncoder;

/**
 * A frame main pushes unasked: {@code u8} opcode, then the fields of its type (no id).
 * {@link Pushes#read} picks the record.
 */
public sealed interface Push permits Message, PatternMessage, KeyEventPush {

    /**
     * The opcode of this push.
     * @return the opcode
     */
    byte opcode();

    /**
     * Writes the fields that follow the opcode.
     * @param out the frame being written
     */
    void writeFields(FrameEncoder out);

    /**
     * Writes the whole frame.
     * @param out the encoder
     * @return the frame's length, prefix included
     */
    default int write(FrameEncoder out) {
        out.begin(opcode());
        writeFields(out);
        return out.end();
    }
}
