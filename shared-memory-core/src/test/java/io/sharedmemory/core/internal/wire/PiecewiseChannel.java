package io.sharedmemory.core.internal.wire;

import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A channel that hands out a fixed stream in pieces of at most {@code pieceSize} bytes, as a
 * socket may, then end-of-stream; it counts what it handed out.
 */
final class PiecewiseChannel implements ReadableByteChannel {

    private final byte[] stream;

    private final int pieceSize;

    private int position;

    PiecewiseChannel(byte[] stream, int pieceSize) {
        this.stream = stream;
        this.pieceSize = pieceSize;
    }

    @Override
    public int read(ByteBuffer target) {
        if (this.position == this.stream.length) {
            return -1;
        }
        int n = Math.min(Math.min(this.pieceSize, target.remaining()), this.stream.length - this.position);
        target.put(this.stream, this.position, n);
        this.position += n;
        return n;
    }

    /** How many bytes were read so far. */
    int handedOut() {
        return this.position;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
    }
}
