package io.sharedmemory.core.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The frame decoder under arbitrary input: whatever bytes arrive, in whatever pieces, it hands
 * out exactly the frames a reference reading of the stream finds, then stops with
 * {@link ProtocolException} or {@link EOFException}, nothing else; and a declared length
 * above max-frame-size is refused before anything is allocated or read for it.
 */
class FrameReaderFuzzTest {

    private static final int MAX_FRAME = 1024;

    @Property(tries = 2000)
    void anyStreamYieldsTheFramesItHoldsThenAProjectException(@ForAll @Size(max = 3000) byte[] stream,
            @ForAll @IntRange(min = 1, max = 97) int pieceSize) throws IOException {
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

    @Property(tries = 500)
    void wellFormedFramesRoundTripHoweverTheyAreSplit(@ForAll("bodies") List<byte[]> bodies,
            @ForAll @IntRange(min = 1, max = 5000) int pieceSize) throws IOException {
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

    @Property(tries = 300)
    void aDeclaredLengthAboveTheLimitIsRefusedBeforeAnythingIsAllocatedForIt(
            @ForAll @LongRange(min = 16L * 1024 * 1024 + 1, max = 0xFFFFFFFFL) long declared) {
        int maxFrameSize = 16 * 1024 * 1024;
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

    @Property(tries = 500)
    void aStreamCutAnywhereEndsWithTheWholeFramesBeforeTheCutThenEndOfFile(@ForAll("bodies") List<byte[]> bodies,
            @ForAll @IntRange(min = 0, max = 100_000) int cutAt) throws IOException {
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

    @Provide
    Arbitrary<List<byte[]>> bodies() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(MAX_FRAME).list().ofMinSize(1)
                .ofMaxSize(8);
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
