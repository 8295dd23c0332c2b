package io.sharedmemory.core.internal.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads frames from a channel through a {@link FrameDecoder}: the decoder splits, this class
 * does the reading. It reads as much as the socket offers at once, so frames that arrive
 * together are handed out without further reads ({@link #hasBufferedFrame()}), which lets a
 * server answer a burst with one write.
 */
public final class FrameReader {

    private final ReadableByteChannel channel;

    private final FrameDecoder decoder;

    /**
     * Creates a reader.
     * @param channel the channel, blocking or not
     * @param maxFrameSize the largest frame body accepted
     */
    public FrameReader(ReadableByteChannel channel, int maxFrameSize) {
        this.channel = channel;
        this.decoder = new FrameDecoder(maxFrameSize);
    }

    /**
     * Reads the next frame from a blocking channel.
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
     * Reads the next frame from a non-blocking channel: {@code null} when the frame is not
     * complete yet and the channel has nothing more now (the partial frame stays buffered). On a
     * blocking channel it behaves like {@link #readFrame()}.
     * @return the frame body, positioned at its opcode, valid until the next call; or {@code null}
     * @throws EOFException if the peer closed the connection
     * @throws ProtocolException if the declared length is 0 or above the limit
     * @throws IOException if reading fails
     */
    public ByteBuffer pollFrame() throws IOException {
        while (true) {
            ByteBuffer frame = this.decoder.next();
            if (frame != null) {
                return frame;
            }
            int read = this.channel.read(this.decoder.receiveBuffer());
            if (read < 0) {
                throw new EOFException((this.decoder.buffered() == 0) ? "Connection closed"
                        : "Connection closed in the middle of a frame");
            }
            if (read == 0) {
                return null;
            }
            this.decoder.received(read);
        }
    }

    /**
     * Tells whether a whole frame is already buffered, so {@link #readFrame()} will not block.
     * @return {@code true} if the next frame is complete in memory
     */
    public boolean hasBufferedFrame() {
        return this.decoder.hasFrame();
    }
}
