package io.sharedmemory.core.internal.wire;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayDeque;
import java.util.Deque;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Splitting a byte stream into length-prefixed frames, however the bytes arrive. */
class FrameReaderTest {

    @Test
    void framesSplitAcrossReadsAreReassembled() throws Exception {
        byte[] stream = frames(new byte[] { 1, 2, 3 }, new byte[] { 4 });
        FrameReader decoder = new FrameReader(chunks(stream, 1), 1024);
        assertThat(bytes(decoder.readFrame())).containsExactly(1, 2, 3);
        assertThat(bytes(decoder.readFrame())).containsExactly(4);
    }

    @Test
    void framesThatArriveTogetherAreServedWithoutAnotherRead() throws Exception {
        FrameReader decoder = new FrameReader(chunks(frames(new byte[] { 9 }, new byte[] { 8, 7 }), 1000), 1024);
        assertThat(bytes(decoder.readFrame())).containsExactly(9);
        assertThat(decoder.hasBufferedFrame()).isTrue();
        assertThat(bytes(decoder.readFrame())).containsExactly(8, 7);
        assertThat(decoder.hasBufferedFrame()).isFalse();
    }

    @Test
    void aFrameLargerThanTheBufferGrowsIt() throws Exception {
        byte[] big = new byte[200_000];
        big[199_999] = 42;
        FrameReader decoder = new FrameReader(chunks(frames(big), 7000), 300_000);
        assertThat(decoder.readFrame().get(199_999)).isEqualTo((byte) 42);
    }

    @Test
    void aDeclaredLengthAboveTheLimitIsRefusedBeforeAnythingIsRead() {
        byte[] header = ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array();
        FrameReader decoder = new FrameReader(chunks(header, 4), 1024);
        assertThatThrownBy(decoder::readFrame).isInstanceOf(ProtocolException.class)
                .satisfies((ex) -> assertThat(((ProtocolException) ex).errorCode()).isEqualTo(ErrorCodes.FRAME_TOO_LARGE));
    }

    @Test
    void zeroAndNegativeLengthsAreRefused() {
        for (int length : new int[] { 0, -1, 0x80000000 }) {
            FrameReader decoder = new FrameReader(chunks(ByteBuffer.allocate(4).putInt(length).array(), 4), 1024);
            assertThatThrownBy(decoder::readFrame).isInstanceOf(ProtocolException.class);
        }
    }

    @Test
    void aStreamThatEndsMidFrameIsAnEndOfFile() {
        byte[] truncated = { 0, 0, 0, 10, 1, 2 };
        FrameReader decoder = new FrameReader(chunks(truncated, 3), 1024);
        assertThatThrownBy(decoder::readFrame).isInstanceOf(EOFException.class).hasMessageContaining("middle");
    }

    static byte[] frames(byte[]... bodies) {
        FrameEncoder encoder = new FrameEncoder();
        ByteBuffer all = ByteBuffer.allocate(java.util.Arrays.stream(bodies).mapToInt((b) -> b.length + 4).sum());
        for (byte[] body : bodies) {
            all.putInt(body.length).put(body);
        }
        return all.array();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** A channel that hands out the stream in pieces of at most {@code size} bytes. */
    private static ReadableByteChannel chunks(byte[] stream, int size) {
        Deque<ByteBuffer> pieces = new ArrayDeque<>();
        for (int i = 0; i < stream.length; i += size) {
            pieces.add(ByteBuffer.wrap(stream, i, Math.min(size, stream.length - i)));
        }
        return new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer target) {
                ByteBuffer piece = pieces.peek();
                if (piece == null) {
                    return -1;
                }
                int n = Math.min(piece.remaining(), target.remaining());
                for (int i = 0; i < n; i++) {
                    target.put(piece.get());
                }
                if (!piece.hasRemaining()) {
                    pieces.poll();
                }
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }
}
