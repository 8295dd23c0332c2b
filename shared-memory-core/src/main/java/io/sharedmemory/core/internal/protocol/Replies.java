package io.sharedmemory.core.internal.protocol;

import io.sharedmemory.core.internal.wire.ErrorCodes;
import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.ProtocolException;

/** Reads reply frames: the one place that maps a reply opcode to its record. */
public final class Replies {

    private Replies() {
    }

    /**
     * Tells whether an opcode is a reply's, so a frame carries an id next.
     * @param opcode the opcode
     * @return {@code true} for the reply opcodes
     */
    public static boolean isReply(byte opcode) {
        return switch (opcode) {
            case Ok.OPCODE, ValueReply.OPCODE, BooleanReply.OPCODE, LongReply.OPCODE, EntriesReply.OPCODE,
                    KeyListReply.OPCODE, ErrorReply.OPCODE, EntriesPart.OPCODE, KeysPart.OPCODE -> true;
            default -> false;
        };
    }

    /**
     * Tells whether a reply opcode is a part's, so more frames follow for its id.
     * @param opcode the opcode
     * @return {@code true} for {@code ENTRIES_PART} and {@code KEYS_PART}
     */
    public static boolean isPart(byte opcode) {
        return opcode == EntriesPart.OPCODE || opcode == KeysPart.OPCODE;
    }

    /**
     * Reads the reply whose opcode and id were just read.
     * @param opcode the opcode
     * @param body the frame, positioned after the id
     * @return the reply
     * @throws ProtocolException if the opcode is not a reply's or a field is malformed
     */
    public static Reply read(byte opcode, FrameBody body) {
        return switch (opcode) {
            case Ok.OPCODE -> Ok.read(body);
            case ValueReply.OPCODE -> ValueReply.read(body);
            case BooleanReply.OPCODE -> BooleanReply.read(body);
            case LongReply.OPCODE -> LongReply.read(body);
            case EntriesReply.OPCODE -> EntriesReply.read(body);
            case KeyListReply.OPCODE -> KeyListReply.read(body);
            case ErrorReply.OPCODE -> ErrorReply.read(body);
            case EntriesPart.OPCODE -> EntriesPart.read(body);
            case KeysPart.OPCODE -> KeysPart.read(body);
            default -> throw new ProtocolException(ErrorCodes.PROTOCOL_ERROR, "Unknown reply opcode " + opcode);
        };
    }
}
