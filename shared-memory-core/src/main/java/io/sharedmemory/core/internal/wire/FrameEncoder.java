package io.sharedmemory.core.internal.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes frames into a growing buffer: {@link #begin(byte)}, the fields, {@link #end()}.
 * Several frames may be written before the buffer is sent, so a burst goes out in one
 * write. Not thread-safe; reuse one per writing thread.
 */
public final class FrameEncoder {

    private byte[] bytes;

    private int size;

    private int frameStart = -1;

    /** Creates an encoder with a small buffer that grows as needed. */
    public FrameEncoder() {
        this(256);
    }

    /**
     * Creates an encoder.
     * @param initialCapacity the initial buffer size in bytes
     */
    public FrameEncoder(int initialCapacity) {
        this.bytes = new byte[Math.max(16, initialCapacity)];
    }

    /**
     * Starts a frame.
     * @param opcode its opcode
     * @return this encoder
     */
    public FrameEncoder begin(byte opcode) {
        if (this.frameStart >= 0) {
            throw new IllegalStateException("Frame not ended");
        }
        this.frameStart = this.size;
        ensure(5);
        this.size += 4;
        this.bytes[this.size++] = opcode;
        return this;
    }

    /**
     * Ends the frame by writing its length.
     * @return the body length of the frame just ended
     */
    public int end() {
        int length = this.size - this.frameStart - 4;
        writeInt(this.frameStart, length);
        this.frameStart = -1;
        return length;
    }

    /**
     * Drops a frame that was begun but not ended, e.g. when its content turned out too large.
     */
    public void abandon() {
        if (this.frameStart >= 0) {
            this.size = this.frameStart;
            this.frameStart = -1;
        }
    }

    /**
     * Appends a byte.
     * @param value the byte
     * @return this encoder
     */
    public FrameEncoder putU8(int value) {
        ensure(1);
        this.bytes[this.size++] = (byte) value;
        return this;
    }

    /**
     * Appends a 16-bit integer.
     * @param value the value
     * @return this encoder
     */
    public FrameEncoder putU16(int value) {
        ensure(2);
        this.bytes[this.size++] = (byte) (value >>> 8);
        this.bytes[this.size++] = (byte) value;
        return this;
    }

    /**
     * Appends a 32-bit integer.
     * @param value the value
     * @return this encoder
     */
    public FrameEncoder putInt(int value) {
        ensure(4);
        writeInt(this.size, value);
        this.size += 4;
        return this;
    }

    /**
     * Appends a 64-bit integer.
     * @param value the value
     * @return this encoder
     */
    public FrameEncoder putLong(long value) {
        putInt((int) (value >>> 32));
        return putInt((int) value);
    }

    /**
     * Appends a {@code str}: length, then UTF-8.
     * @param value the text
     * @return this encoder
     */
    public FrameEncoder putString(String value) {
        int length = value.length();
        // Pure-ASCII text (most keys and channels) is copied without a charset encoder.
        ensure(4 + length);
        int start = this.size + 4;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                return putBytes(value.getBytes(StandardCharsets.UTF_8));
            }
            this.bytes[start + i] = (byte) c;
        }
        writeInt(this.size, length);
        this.size = start + length;
        return this;
    }

    /**
     * Tells how many bytes {@link #putString} writes for a text, so a frame can be planned
     * before it is written.
     * @param value the text
     * @return its length prefix plus its UTF-8 bytes
     */
    public static int stringSize(String value) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            if (value.charAt(i) >= 0x80) {
                return 4 + value.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return 4 + length;
    }

    /**
     * Appends a {@code blob} (or any length-prefixed bytes).
     * @param value the bytes
     * @return this encoder
     */
    public FrameEncoder putBytes(byte[] value) {
        ensure(4 + value.length);
        writeInt(this.size, value.length);
        System.arraycopy(value, 0, this.bytes, this.size + 4, value.length);
        this.size += 4 + value.length;
        return this;
    }

    /**
     * The number of bytes written, complete frames and any frame in progress.
     * @return the size
     */
    public int size() {
        return this.size;
    }

    /**
     * The bytes of the frame in progress so far, including its length and opcode.
     * @return bytes since {@link #begin(byte)}
     */
    public int currentFrameSize() {
        return (this.frameStart < 0) ? 0 : this.size - this.frameStart;
    }

    /**
     * Wraps the complete frames for writing; valid until the next change.
     * @return a buffer over the written bytes
     */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(this.bytes, 0, this.size);
    }

    /**
     * Copies the written bytes.
     * @return a new array
     */
    public byte[] toByteArray() {
        return java.util.Arrays.copyOf(this.bytes, this.size);
    }

    /** Forgets everything written, keeping the buffer (shrunk if a huge frame grew it). */
    public void clear() {
        this.size = 0;
        this.frameStart = -1;
        if (this.bytes.length > 1024 * 1024) {
            this.bytes = new byte[64 * 1024];
        }
    }

    private void writeInt(int at, int value) {
        this.bytes[at] = (byte) (value >>> 24);
        this.bytes[at + 1] = (byte) (value >>> 16);
        this.bytes[at + 2] = (byte) (value >>> 8);
        this.bytes[at + 3] = (byte) value;
    }

    private void ensure(int more) {
        long needed = (long) this.size + more;
        if (needed > this.bytes.length) {
            if (needed > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("Frame buffer overflow");
            }
            int capacity = (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 16, this.bytes.length * 2L));
            this.bytes = java.util.Arrays.copyOf(this.bytes, capacity);
        }
    }
}
