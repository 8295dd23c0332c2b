package io.sharedmemory.bench.floor;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Frames of the same sizes as shared-memory's {@code GET}/{@code SET} requests and their replies
 * (see docs/PROTOCOL.md), so that the floor moves exactly as many bytes per round trip.
 */
final class FloorFrames {

    /** First body byte of a get-shaped request; its next four bytes carry the value size. */
    static final byte GET = 0x10;

    /** First body byte of a set-shaped request. */
    static final byte SET = 0x11;

    /** Key length assumed for the request sizes, as in {@code bench:4096:123}. */
    static final int KEY_LENGTH = 14;

    private FloorFrames() {
    }

    /** {@code GET}: opcode, id, {@code str} key. */
    static int getRequestBody() {
        return 1 + 4 + 4 + KEY_LENGTH;
    }

    /** {@code VALUE}: opcode, id, present, {@code blob} of a String (tag, length, bytes). */
    static int getReplyBody(int valueSize) {
        return 1 + 4 + 1 + 4 + 1 + 4 + valueSize;
    }

    /** {@code SET}: opcode, id, {@code str} key, ttl, {@code blob} of a String. */
    static int setRequestBody(int valueSize) {
        return 1 + 4 + 4 + KEY_LENGTH + 8 + 4 + 1 + 4 + valueSize;
    }

    /** {@code OK}: opcode, id. */
    static int setReplyBody() {
        return 1 + 4;
    }

    /**
     * A whole frame: length, then a body that starts with the given byte and an int.
     */
    static ByteBuffer frame(int bodyLength, byte first, int second) {
        ByteBuffer frame = ByteBuffer.allocateDirect(4 + bodyLength);
        frame.putInt(bodyLength).put(first).putInt(second);
        frame.clear();
        return frame;
    }

    static void writeFully(SocketChannel channel, ByteBuffer frame) throws IOException {
        frame.clear();
        while (frame.hasRemaining()) {
            if (channel.write(frame) == 0) {
                // Only a non-blocking socket returns 0: its buffer is full, try again.
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Reads one frame into the buffer, which must be large enough.
     * @return the body length
     */
    static int readFrame(SocketChannel channel, ByteBuffer buffer) throws IOException {
        buffer.clear().limit(4);
        readFully(channel, buffer);
        int length = buffer.getInt(0);
        if (length < 1 || length > buffer.capacity() - 4) {
            throw new IOException("bad frame length " + length);
        }
        buffer.limit(4 + length);
        readFully(channel, buffer);
        return length;
    }

    private static void readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer);
            if (read < 0) {
                throw new EOFException("peer closed");
            }
            if (read == 0) {
                // Only a non-blocking socket returns 0: nothing yet, poll again.
                Thread.onSpinWait();
            }
        }
    }
}
