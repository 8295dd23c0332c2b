package io.sharedmemory.core.internal.persistence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * A growable run of records as they go to disk. Each record is framed once, here:
 * <pre>
 * int32 payloadLength | int32 crc32c(payload) | payload
 * </pre>
 * big-endian. {@link #begin()} reserves the frame header, {@link #end()} fills it in; the
 * payload in between is written with the {@code put} methods ({@link DiskRecord} says what goes
 * in it). Not thread-safe: its owner guards it.
 */
final class RecordBuffer {

    /** Bytes of a record's frame header: length and checksum. */
    static final int HEADER_BYTES = 8;

    private byte[] bytes;

    private int size;

    private int recordStart = -1;

    RecordBuffer(int initialCapacity) {
        this.bytes = new byte[Math.max(64, initialCapacity)];
    }

    void begin() {
        if (this.recordStart >= 0) {
            throw new IllegalStateException("A record is already open");
        }
        ensure(HEADER_BYTES);
        this.recordStart = this.size;
        this.size += HEADER_BYTES;
    }

    void end() {
        int start = this.recordStart + HEADER_BYTES;
        int length = this.size - start;
        CRC32C crc = new CRC32C();
        crc.update(this.bytes, start, length);
        writeInt(this.recordStart, length);
        writeInt(this.recordStart + 4, (int) crc.getValue());
        this.recordStart = -1;
    }

    void putByte(int value) {
        ensure(1);
        this.bytes[this.size++] = (byte) value;
    }

    void putInt(int value) {
        ensure(4);
        writeInt(this.size, value);
        this.size += 4;
    }

    void putLong(long value) {
        putInt((int) (value >>> 32));
        putInt((int) value);
    }

    /** A length-prefixed byte string. */
    void putBytes(byte[] value) {
        putInt(value.length);
        ensure(value.length);
        System.arraycopy(value, 0, this.bytes, this.size, value.length);
        this.size += value.length;
    }

    /** A length-prefixed UTF-8 string. */
    void putString(String value) {
        putBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    int size() {
        return this.size;
    }

    /** A copy of the bytes so far. */
    byte[] copy() {
        return Arrays.copyOf(this.bytes, this.size);
    }

    void clear() {
        this.size = 0;
        this.recordStart = -1;
    }

    /** Writes bytes {@code from} to {@code to} (exclusive) to the channel, whole. */
    void writeTo(FileChannel channel, int from, int to) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(this.bytes, from, to - from);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private void writeInt(int at, int value) {
        this.bytes[at] = (byte) (value >>> 24);
        this.bytes[at + 1] = (byte) (value >>> 16);
        this.bytes[at + 2] = (byte) (value >>> 8);
        this.bytes[at + 3] = (byte) value;
    }

    private void ensure(int more) {
        if (this.size + more > this.bytes.length) {
            long wanted = Math.max((long) this.size + more, this.bytes.length * 2L);
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("A record buffer cannot grow past 2 GiB");
            }
            this.bytes = Arrays.copyOf(this.bytes, (int) wanted);
        }
    }
}
