package io.sharedmemory.core.internal.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of one frame body, refusing any field that runs past the frame.
 * Every failure is a {@link ProtocolException}, so a hostile frame can only close its
 * own connection.
 */
public final class FrameBody {

    private final ByteBuffer body;

    /**
     * Wraps a frame body positioned at its opcode.
     * @param body the body
     */
    public FrameBody(ByteBuffer body) {
        this.body = body;
    }

    /**
     * Reads the opcode.
     * @return the opcode
     */
    public byte opcode() {
        return (byte) u8();
    }

    /**
     * Reads a {@code u8}.
     * @return 0..255
     */
    public int u8() {
        need(1);
        return this.body.get() & 0xFF;
    }

    /**
     * Reads a {@code u16}.
     * @return 0..65535
     */
    public int u16() {
        need(2);
        return this.body.getShort() & 0xFFFF;
    }

    /**
     * Reads a 32-bit integer.
     * @return the value
     */
    public int int32() {
        need(4);
        return this.body.getInt();
    }

    /**
     * Reads a 64-bit integer.
     * @return the value
     */
    public long int64() {
        need(8);
        return this.body.getLong();
    }

    /**
     * Reads a {@code str}.
     * @return the text
     */
    public String string() {
        int length = length();
        if (!this.body.hasArray()) {
            byte[] bytes = new byte[length];
            this.body.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
        String text = new String(this.body.array(), this.body.arrayOffset() + this.body.position(), length,
                StandardCharsets.UTF_8);
        this.body.position(this.body.position() + length);
        return text;
    }

    /**
     * Reads a {@code blob} into a new array.
     * @return the bytes
     */
    public byte[] blob() {
        byte[] bytes = new byte[length()];
        this.body.get(bytes);
        return bytes;
    }

    /**
     * Tells how many bytes are left.
     * @return remaining bytes
     */
    public int remaining() {
        return this.body.remaining();
    }

    /**
     * Requires that every byte was read.
     * @throws ProtocolException if bytes are left over
     */
    public void end() {
        if (this.body.hasRemaining()) {
            throw new ProtocolException(ErrorCodes.PROTOCOL_ERROR,
                    this.body.remaining() + " unexpected bytes after the last field");
        }
    }

    private int length() {
        int length = int32();
        // Checked against what the frame really holds before anything is allocated.
        if (length < 0 || length > this.body.remaining()) {
            throw new ProtocolException(ErrorCodes.PROTOCOL_ERROR, "Field length "
                    + Integer.toUnsignedString(length) + " runs past the frame");
        }
        return length;
    }

    private void need(int bytes) {
        if (this.body.remaining() < bytes) {
            throw new ProtocolException(ErrorCodes.PROTOCOL_ERROR, "Frame ends in the middle of a field");
        }
    }
}
