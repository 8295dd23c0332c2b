package io.sharedmemory.core.internal.protocol;

import io.sharedmemory.core.internal.wire.FrameEncoder;

/**
 * A request frame from a client to main: {@code u8} opcode, {@code u32} id, then the fields of
 * its type. One record per opcode writes and reads its own fields ({@link Requests#read} picks
 * the record); docs/PROTOCOL.md gives every layout and docs/protocol-vectors.md one frame of each.
 */
public sealed interface Request permits Get, SetValue, Delete, GetAll, Keys, SetIfAbsent, CompareAndSet, Increment,
        Publish, Subscribe, Unsubscribe, PatternSubscribe, PatternUnsubscribe, Ping, GetMany, SetMany,
        Watch, Unwatch {

    /**
     * The opcode of this request.
     * @return the opcode
     */
    byte opcode();

    /**
     * Writes the fields that follow the opcode and the id.
     * @param out the frame being written
     */
    void writeFields(FrameEncoder out);

    /**
     * Writes the whole frame.
     * @param out the encoder
     * @param id the request id its reply will carry
     * @return the frame's length, prefix included
     */
    default int write(FrameEncoder out, int id) {
        out.begin(opcode()).putInt(id);
        writeFields(out);
        return out.end();
    }
}
