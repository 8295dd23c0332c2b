package io.sharedmemory.core.internal.wire;

import java.nio.ByteBuffer;

/**
 * Splits received bytes into frames: a 4-byte big-endian length, then that many bytes. It does
 * no I/O (like netty's {@code LengthFieldBasedFrameDecoder}): whoever owns the socket reads
 * into {@link #receiveBuffer()}, reports with {@link #received(int)}, and takes whole frames
 * with {@link #next()}. One decoder serves one connection and one thread at a time.
 * <p>
 * Invariants: a declared length is checked against the limit before anything is allocated
 * for it; the buffer never grows past {@code maxFrameSize + 4}; a frame handed out stays valid
 * until the next call that receives or takes a frame.
 */
public final class FrameDecoder {

    private static final int INITIAL_CAPACITY = 64 * 1024;

    private final int maxFrameSize;

    /** Received bytes not taken yet, between position and limit (read mode). */
    private ByteBuffer buffer;

    /** A view of {@link #buffer} for receiving into: from its limit to its capacity. */
    private ByteBuffer receiving;

    /** The bytes the frame in progress needs in all, prefix included; 4 while a prefix is due. */
    private int needed = 4;

    /**
     * Creates a decoder.
     * @param maxFrameSize the largest frame body accepted
     */
    public FrameDecoder(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
        use(ByteBuffer.allocateDirect(INITIAL_CAPACITY).flip());
    }

    /**
     * Takes the next whole frame.
     * @return the frame body, positioned at its opcode, valid until the next call; or
     *         {@code null} if its bytes have not all been received yet
     * @throws ProtocolException if the declared length is 0 or above the limit
     */
    public ByteBuffer next() {
        if (this.buffer.remaining() < 4) {
            this.needed = 4;
            return null;
        }
        int length = this.buffer.getInt(this.buffer.position());
        // Checked before anything is allocated for it: a hostile length costs nothing.
        if (length <= 0 || length > this.maxFrameSize) {
            throw new ProtocolException(ErrorCodes.FRAME_TOO_LARGE, "Frame length "
                    + Integer.toUnsignedString(length) + " is outside 1.." + this.maxFrameSize);
        }
        if (this.buffer.remaining() - 4 < length) {
            this.needed = 4 + length;
            return null;
        }
        int start = this.buffer.position() + 4;
        ByteBuffer frame = this.buffer.slice(start, length);
        this.buffer.position(start + length);
        this.needed = 4;
        return frame;
    }

    /**
     * Tells whether a whole frame is received already, so {@link #next()} returns one.
     * @return {@code true} if the next frame is complete in memory
     */
    public boolean hasFrame() {
        if (this.buffer.remaining() < 4) {
            return false;
        }
        int length = this.buffer.getInt(this.buffer.position());
        return length > 0 && length <= this.maxFrameSize && this.buffer.remaining() - 4 >= length;
    }

    /**
     * Where to put the next bytes received: a buffer in write mode with room for at least the
     * rest of the frame in progress. Read into it, then call {@link #received(int)}.
     * @return the buffer to read into
     */
    public ByteBuffer receiveBuffer() {
        makeRoom(this.needed);
        return this.receiving.limit(this.receiving.capacity()).position(this.buffer.limit());
    }

    /**
     * Adds bytes just read into {@link #receiveBuffer()}.
     * @param count how many bytes were read
     */
    public void received(int count) {
        this.buffer.limit(this.buffer.limit() + count);
    }

    /**
     * Copies bytes in, for callers that hold them in a buffer of their own.
     * @param bytes the bytes; all of them are taken
     */
    public void receive(ByteBuffer bytes) {
        while (bytes.hasRemaining()) {
            ByteBuffer target = receiveBuffer();
            int count = Math.min(target.remaining(), bytes.remaining());
            target.put(bytes.slice(bytes.position(), count));
            bytes.position(bytes.position() + count);
            received(count);
            if (count == 0) {
                // The frame in progress is complete but not taken; the caller must take it first.
                throw new IllegalStateException("Take the received frames with next() before receiving more");
            }
        }
    }

    /**
     * Tells how many received bytes wait to be taken.
     * @return the count
     */
    public int buffered() {
        return this.buffer.remaining();
    }

    private void makeRoom(int frameBytes) {
        int free = this.buffer.capacity() - this.buffer.limit();
        if (free > 0 && this.buffer.capacity() - this.buffer.position() >= frameBytes) {
            return;
        }
        if (this.buffer.capacity() >= frameBytes) {
            // Enough capacity: move what waits to the front.
            this.buffer.compact().flip();
            return;
        }
        ByteBuffer larger = ByteBuffer.allocateDirect(
                Math.min(Math.max(frameBytes, this.buffer.capacity() * 2), this.maxFrameSize + 4));
        larger.put(this.buffer).flip();
        use(larger);
    }

    private void use(ByteBuffer fresh) {
        this.buffer = fresh;
        this.receiving = fresh.duplicate();
    }
}
