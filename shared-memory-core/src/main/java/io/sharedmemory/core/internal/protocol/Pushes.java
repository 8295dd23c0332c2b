package io.sharedmemory.core.internal.protocol;

import io.sharedmemory.core.internal.wire.ErrorCodes;
import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.ProtocolException;

/** Reads pushed frames: the one place that maps a push opcode to its record. */
public final class Pushes {

    private Pushes() {
    }

    /**
     * Tells whether an opcode is a push's.
     * @param opcode the opcode
     * @return {@code true} for {@code MESSAGE}, {@code PMESSAGE} and {@code KEY_EVENT}
     */
    public static boolean isPush(byte opcode) {
        return opcode == Message.OPCODE || opcode == PatternMessage.OPCODE || opcode == KeyEventPush.OPCODE;
    }

    /**
     * Reads the push whose opcode was just read.
     * @param opcode the opcode
     * @param body the frame, positioned after the opcode
     * @return the push
     * @throws ProtocolException if the opcode is not a push's or a field is malformed
     */
    public static Push read(byte opcode, FrameBody body) {
        return switch (opcode) {
            case Message.OPCODE -> Message.read(body);
            case PatternMessage.OPCODE -> PatternMessage.read(body);
            case KeyEventPush.OPCODE -> KeyEventPush.read(body);
            default -> throw new ProtocolException(ErrorCodes.PROTOCOL_ERROR, "Unknown push opcode " + opcode);
        };
    }
}
