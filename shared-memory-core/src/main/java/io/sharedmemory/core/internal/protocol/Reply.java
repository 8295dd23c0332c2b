package io.sharedmemory.core.internal.protocol;

import io.sharedmemory.core.internal.wire.FrameEncoder;

/**
 * A reply frame from main: {@code u8} opcode, {@code u32} id of the request it answers, then
 * the fields of its type. {@link Replies#read} picks the record.
 */
public sealed interface Reply permits Ok, ValueReply, BooleanReply, LongReply, EntriesReply, KeyListReply,
        ErrorReply, ReplyPart {

    /** Bytes of a reply's frame body before its fields: the opcode and the id. */
    int HEADER_BYTES = 5;

    /**
     * The opcode of this reply.
     * @return the opcode
     */
    byte opcode();

    /**
     * Writes the fields that follow the opcode and the id.
     * @param out the frame being written
     */
    void writeFields(FrameEncoder out);

    /**
     * Starts the frame and writes the fields; the caller ends the frame (and may check its size first).
     * @param out the encoder
     * @param id the id of the request answered
     */
    default void begin(FrameEncoder out, int id) {
        out.begin(opcode()).putInt(id);
        writeFields(out);
    }
}
