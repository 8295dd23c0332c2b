package io.sharedmemory.bench.load;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;

/**
 * What one worker measured in one phase: how many operations completed and their latencies in
 * nanoseconds. It travels from worker to harness as one text line.
 *
 * @param index the phase's position in the schedule
 * @param operations operations completed in the measured window
 * @param latencies nanoseconds per operation
 */
public record PhaseResult(int index, long operations, Histogram latencies) {

    /** The largest latency recorded; longer ones are clamped to it. */
    public static final long MAX_NANOS = 30_000_000_000L;

    /**
     * A histogram suited to these results.
     * @return an empty histogram
     */
    public static Histogram newHistogram() {
        return new Histogram(MAX_NANOS, 3);
    }

    /**
     * Encodes the result as a line.
     * @return {@code index operations base64}
     */
    public String toLine() {
        ByteBuffer buffer = ByteBuffer.allocate(this.latencies.getNeededByteBufferCapacity());
        int length = this.latencies.encodeIntoCompressedByteBuffer(buffer);
        String histogram = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
        return this.index + " " + this.operations + " " + histogram;
    }

    /**
     * Decodes a line written by {@link #toLine()}.
     * @param line the line
     * @return the result
     */
    public static PhaseResult fromLine(String line) {
        String[] parts = line.split(" ");
        try {
            Histogram histogram = Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(parts[2])), 0);
            return new PhaseResult(Integer.parseInt(parts[0]), Long.parseLong(parts[1]), histogram);
        }
        catch (DataFormatException ex) {
            throw new IllegalArgumentException("bad histogram in " + line, ex);
        }
    }
}
