package io.sharedmemory.core.internal.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.sharedmemory.core.testing.SeededRandom;
import io.sharedmemory.core.testing.Tries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The frame decoder under arbitrary input: whatever bytes arrive, in whatever pieces, it hands
 * out exactly the frames a reference reading of the stream finds, then stops with
 * {@link ProtocolException} or {@link EOFException}, nothing else; and a declared length
 * above max-frame-size is refused before anything is allocated or read for it. Inputs come
 * from a seeded {@link Tries} run; a failure names its seed and input.
 */
class FrameReaderFuzzTest {

    private static final int MAX_FRAME = 1024;

    @Test
    void anyStreamYieldsTheFramesItHoldsThenAProjectException() {
        Tries.forAll(2000, (random) -> new Split(stream(random), random.intBetween(1, 97)),
                (input) -> yieldsTheFramesItHoldsThenAProjectException(input.stream(), input.pieceSize()));
    }

    private static void yieldsTheFramesItHoldsThenAProjectException(byte[] stream, int pieceSize)
            throws IOException {
        List<byte[]> expected = new ArrayList<>();
        Class<? extends Exception> expectedEnd = referenceRead(stream, expected);
        FrameReader decoder = new FrameReader(new PiecewiseChannel(stream, pieceSize), MAX_FRAME);
        List<byte[]> frames = new ArrayList<>();
        Exception end = null;
        while (end == null) {
            try {
                frames.add(bytes(decoder.readFrame()));
            }
            catch (ProtocolException | EOFException ex) {
                end = ex;
            }
        }
        assertThat(frames).containsExactlyElementsOf(expected);
        assertThat(end).isInstanceOf(expectedEnd);
    }

    @Test
    void wellFormedFramesRoundTripHoweverTheyAreSplit() {
        Tries.forAll(500, (random) -> new SplitFrames(bodies(random), random.intBetween(1, 5000)),
                (input) -> roundTripHoweverTheyAreSplit(input.bodies(), input.pieceSize()));
    }

    private static void roundTripHoweverTheyAreSplit(List<byte[]> bodies, int pieceSize) throws IOException {
        FrameEncoder encoder = new FrameEncoder();
        for (byte[] body : bodies) {
            encoder.begin(body[0]);
            for (int i = 1; i < body.length; i++) {
                encoder.putU8(body[i]);
            }
            encoder.end();
        }
        FrameReader decoder = new FrameReader(new PiecewiseChannel(encoder.toByteArray(), pieceSize), MAX_FRAME);
        for (byte[] body : bodies) {
            assertThat(bytes(decoder.readFrame())).isEqualTo(body);
        }
        assertThat(decoder.hasBufferedFrame()).isFalse();
        assertThatThrownBy(decoder::readFrame).isInstanceOf(EOFException.class);
    }

    @Test
    void aDeclaredLengthAboveTheLimitIsRefusedBeforeAnythingIsAllocatedForIt() {
        int maxFrameSize = 16 * 1024 * 1024;
        Tries.forAll(300, (random) -> random.longBetween(maxFrameSize + 1L, 0xFFFFFFFFL),
                (declared) -> isRefusedBeforeAnythingIsAllocatedForIt(declared, maxFrameSize));
    }

    private static void isRefusedBeforeAnythingIsAllocatedForIt(long declared, int maxFrameSize) {
        byte[] header = ByteBuffer.allocate(4).putInt((int) declared).array();
        // The body is never sent: a decoder that waited for it, or sized a buffer for it, would show.
        PiecewiseChannel channel = new PiecewiseChannel(header, 4);
        Allocations allocations = Allocations.start();
        FrameReader decoder = new FrameReader(channel, maxFrameSize);
        assertThatThrownBy(decoder::readFrame).isInstanceOf(ProtocolException.class)
                .extracting((ex) -> ((ProtocolException) ex).errorCode()).isEqualTo(ErrorCodes.FRAME_TOO_LARGE);
        // The decoder's own 64 KiB read buffer is all it may take.
        assertThat(allocations.bytes()).isLessThan(1024 * 1024);
        assertThat(channel.handedOut()).isEqualTo(4);
    }

    @Test
    void aStreamCutAnywhereEndsWithTheWholeFramesBeforeTheCutThenEndOfFile() {
        Tries.forAll(500, (random) -> new CutFrames(bodies(random), random.intBetween(0, 100_000)),
                (input) -> endsWithTheWholeFramesBeforeTheCut(input.bodies(), input.cutAt()));
    }

    private static void endsWithTheWholeFramesBeforeTheCut(List<byte[]> bodies, int cutAt) throws IOException {
        FrameEncoder encoder = new FrameEncoder();
        List<Integer> ends = new ArrayList<>();
        for (byte[] body : bodies) {
            encoder.begin(body[0]);
            for (int i = 1; i < body.length; i++) {
                encoder.putU8(body[i]);
            }
            encoder.end();
            ends.add(encoder.size());
        }
        byte[] all = encoder.toByteArray();
        int cut = cutAt % (all.length + 1);
        byte[] truncated = java.util.Arrays.copyOf(all, cut);
        FrameReader decoder = new FrameReader(new PiecewiseChannel(truncated, 13), MAX_FRAME);
        int whole = (int) ends.stream().filter((end) -> end <= cut).count();
        for (int i = 0; i < whole; i++) {
            assertThat(bytes(decoder.readFrame())).isEqualTo(bodies.get(i));
        }
        assertThatThrownBy(decoder::readFrame).isInstanceOf(EOFException.class);
    }

    /** One to eight frame bodies of 1 to {@link #MAX_FRAME} bytes each. */
    private static List<byte[]> bodies(SeededRandom random) {
        return random.list(1, 8, (r) -> r.bytes(1, MAX_FRAME));
    }

    /**
     * Up to 3000 bytes: any bytes at all (whose first length is nearly always above the limit),
     * or headers declaring 0 to just past {@link #MAX_FRAME} bytes, each followed by that many
     * (or, one time in four, fewer), so that whole frames, short bodies and refused lengths all
     * come up.
     */
    private static byte[] stream(SeededRandom random) {
        if (random.nextBoolean()) {
            return random.bytes(0, 3000);
        }
        ByteBuffer stream = ByteBuffer.allocate(3000);
        for (int frames = random.intBetween(1, 6); frames > 0 && stream.remaining() >= 4; frames--) {
            int declared = random.intBetween(0, MAX_FRAME + 2);
            int length = (random.nextInt(4) == 0) ? random.intBetween(0, declared) : declared;
            byte[] body = new byte[Math.min(stream.remaining() - 4, length)];
            random.nextBytes(body);
            stream.putInt(declared).put(body);
        }
        return java.util.Arrays.copyOf(stream.array(), stream.position());
    }

    /** A stream and the size of the pieces it arrives in. */
    private record Split(byte[] stream, int pieceSize) {
    }

    /** Frame bodies and the size of the pieces their stream arrives in. */
    private record SplitFrames(List<byte[]> bodies, int pieceSize) {
    }

    /** Frame bodies and where their stream is cut (modulo its length plus one). */
    private record CutFrames(List<byte[]> bodies, int cutAt) {
    }

    /** What the protocol says a stream holds: whole frames, then why reading stops. */
    private static Class<? extends Exception> referenceRead(byte[] stream, List<byte[]> frames) {
        ByteBuffer in = ByteBuffer.wrap(stream);
        while (true) {
            if (in.remaining() < 4) {
                return EOFException.class;
            }
            long length = in.getInt() & 0xFFFFFFFFL;
            if (length == 0 || length > MAX_FRAME) {
                return ProtocolException.class;
            }
            if (in.remaining() < length) {
                return EOFException.class;
            }
            byte[] frame = new byte[(int) length];
            in.get(frame);
            frames.add(frame);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
