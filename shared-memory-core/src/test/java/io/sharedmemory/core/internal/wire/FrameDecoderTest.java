package io.sharedmemory.core.internal.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The frame decoder on its own, with no channel: bytes in, whole frames out. */
class FrameDecoderTest {

    @Test
    void aStreamSplitAtEveryPointYieldsTheSameFrames() {
        byte[] stream = stream(new byte[] { 1, 2, 3 }, new byte[] { 4 }, new byte[300]);
        for (int split = 0; split <= stream.length; split++) {
            FrameDecoder decoder = new FrameDecoder(1024);
            List<Integer> sizes = new ArrayList<>();
            feed(decoder, ByteBuffer.wrap(stream, 0, split), sizes);
            feed(decoder, ByteBuffer.wrap(stream, split, stream.length - split), sizes);
            assertThat(sizes).as("split at %d", split).containsExactly(3, 1, 300);
            assertThat(decoder.buffered()).isZero();
        }
    }

    @Test
    void randomChunksOfManyFramesComeOutWhole() {
        Random random = new Random(42);
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            byte[] body = new byte[1 + random.nextInt(random.nextBoolean() ? 20 : 90_000)];
            random.nextBytes(body);
            bodies.add(body);
        }
        byte[] stream = stream(bodies.toArray(new byte[0][]));
        FrameDecoder decoder = new FrameDecoder(100_000);
        List<byte[]> out = new ArrayList<>();
        for (int at = 0; at < stream.length;) {
            int chunk = Math.min(stream.length - at, 1 + random.nextInt(70_000));
            ByteBuffer target = decoder.receiveBuffer();
            int count = Math.min(chunk, target.remaining());
            target.put(stream, at, count);
            decoder.received(count);
            at += count;
            ByteBuffer frame;
            while ((frame = decoder.next()) != null) {
                byte[] copy = new byte[frame.remaining()];
                frame.get(copy);
                out.add(copy);
            }
        }
        assertThat(out).hasSameSizeAs(bodies);
        for (int i = 0; i < bodies.size(); i++) {
            assertThat(out.get(i)).as("frame %d", i).isEqualTo(bodies.get(i));
        }
    }

    @Test
    void aLengthOverTheLimitIsRefusedBeforeAnythingIsAllocated() {
        FrameDecoder decoder = new FrameDecoder(1024);
        decoder.receive(ByteBuffer.allocate(4).putInt(0, Integer.MAX_VALUE));
        assertThatExceptionOfType(ProtocolException.class).isThrownBy(decoder::next)
            .satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(ErrorCodes.FRAME_TOO_LARGE));
        assertThat(decoder.receiveBuffer().capacity()).isLessThanOrEqualTo(64 * 1024);
        FrameDecoder zero = new FrameDecoder(1024);
        zero.receive(ByteBuffer.allocate(4));
        assertThatExceptionOfType(ProtocolException.class).isThrownBy(zero::next);
    }

    @Test
    void hasFrameTellsWhetherNextWillReturnOne() {
        FrameDecoder decoder = new FrameDecoder(1024);
        byte[] stream = stream(new byte[] { 7, 7 });
        decoder.receive(ByteBuffer.wrap(stream, 0, 5));
        assertThat(decoder.hasFrame()).isFalse();
        assertThat(decoder.next()).isNull();
        decoder.receive(ByteBuffer.wrap(stream, 5, 1));
        assertThat(decoder.hasFrame()).isTrue();
        assertThat(decoder.next().remaining()).isEqualTo(2);
        assertThat(decoder.hasFrame()).isFalse();
    }

    private static void feed(FrameDecoder decoder, ByteBuffer bytes, List<Integer> sizes) {
        while (bytes.hasRemaining()) {
            ByteBuffer target = decoder.receiveBuffer();
            int count = Math.min(target.remaining(), bytes.remaining());
            target.put(bytes.slice(bytes.position(), count));
            bytes.position(bytes.position() + count);
            decoder.received(count);
            ByteBuffer frame;
            while ((frame = decoder.next()) != null) {
                sizes.add(frame.remaining());
            }
        }
    }

    private static byte[] stream(byte[]... bodies) {
        int size = 0;
        for (byte[] body : bodies) {
            size += 4 + body.length;
        }
        ByteBuffer stream = ByteBuffer.allocate(size);
        for (byte[] body : bodies) {
            stream.putInt(body.length).put(body);
        }
        return stream.array();
    }
}
