package io.sharedmemory.core.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Splits a byte stream into frames: a 4-byte big-endian length, then that many bytes.
 * One decoder serves one connection and one reading thread. It reads as much as the socket
 * offers at once, so frames that arrive together are handed out without further reads
 * ({@link #hasBufferedFrame()}), which lets a server answer a burst with one write.
 */
public final class FrameDecoder {

    private static final int INITIAL_CAPACITY = 64 * 1024;

    private final ReadableByteChannel channel;

    private final int maxFrameSize;

    private ByteBuffer buffer;

    /**
     * Creates a decoder.
     * @param channel the channel to read, in blocking mode
     * @param maxFrameSize the largest frame body accepted
     */
    public FrameDecoder(ReadableByteChannel channel, int maxFrameSize) {
        this.channel = channel;
        this.maxFrameSize = maxFrameSize;
        this.buffer = ByteBuffer.allocateDirect(INITIAL_CAPACITY);
        this.buffer.flip();
    }

    /**
     * Reads the next frame, blocking until it is complete.
     * @return the frame body, positioned at its opcode; valid until the next call
     * @throws EOFException if the peer closed the connection (cleanly or mid-frame)
     * @throws ProtocolException if the declared length is 0 or above the limit
     * @throws IOException if reading fails
     */
    public ByteBuffer readFrame() throws IOException {
        ByteBuffer frame = pollFrame();
        if (frame == null) {
            throw new IllegalStateException("readFrame needs a channel in blocking mode");
        }
        return frame;
    }

    /**
     * Reads the next frame from a channel in non-blocking mode: returns {@code null} when the
     * frame is not complete yet and the channel has nothing more now; the partial frame stays
     * buffered for the next call. On a blocking channel it behaves like {@link #readFrame()}.
     * @return the frame body, positioned at its opcode, valid until the next call; or {@code null}
     * @throws EOFException if the peer closed the connection
     * @throws ProtocolException if the declared length is 0 or above the limit
     * @throws IOException if reading fails
     */
    public ByteBuffer pollFrame() throws IOException {
        if (!fill(4)) {
            return null;
        }
        int length = this.buffer.getInt(this.buffer.position());
        // Checked before anything is allocated for it: a hostile length costs nothing.
        if (length <= 0 || length > this.maxFrameSize) {
            throw new ProtocolException(ErrorCodes.FRAME_TOO_LARGE, "Frame length "
                    + Integer.toUnsignedString(length) + " is outside 1.." + this.maxFrameSize);
        }
        if (!fill(4 + length)) {
            return null;
        }
        int start = this.buffer.position() + 4;
        ByteBuffer frame = this.buffer.slice(start, length);
        this.buffer.position(start + length);
        return frame;
    }

    /**
     * Tells whether a whole frame is already buffered, so {@link #readFrame()} will not block.
     * @return {@code true} if the next frame is complete in memory
     */
    public boolean hasBufferedFrame() {
        if (this.buffer.remaining() < 4) {
            return false;
        }
        int length = this.buffer.getInt(this.buffer.position());
        return length > 0 && length <= this.maxFrameSize && this.buffer.remaining() - 4 >= length;
    }

    /** Reads until {@code needed} bytes are buffered; {@code false} if a non-blocking read came up empty. */
    private boolean fill(int needed) throws IOException {
        if (this.buffer.remaining() >= needed) {
            return true;
        }
        makeRoom(needed);
        while (this.buffer.remaining() < needed) {
            // The buffer is in read mode; append at its limit.
            int position = this.buffer.position();
            int limit = this.buffer.limit();
            this.buffer.position(limit).limit(this.buffer.capacity());
            int read = this.channel.read(this.buffer);
            this.buffer.limit(this.buffer.position()).position(position);
            if (read < 0) {
                throw new EOFException((this.buffer.remaining() == 0) ? "Connection closed"
                        : "Connection closed in the middle of a frame");
            }
            if (read == 0) {
                return false;
            }
        }
        return true;
    }

    private void makeRoom(int needed) {
        if (this.buffer.capacity() - this.buffer.position() >= needed) {
            return;
        }
        ByteBuffer target = this.buffer;
        if (this.buffer.capacity() < needed) {
            target = ByteBuffer.allocateDirect(
                    Math.min(Math.max(needed, this.buffer.capacity() * 2), this.maxFrameSize + 4));
        }
        else {
            target.compact().flip();
            return;
        }
        target.put(this.buffer);
        target.flip();
        this.buffer = target;
    }
}
