package io.sharedmemory.core.internal.persistence;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The records of the persistence files, one type per kind; each one's payload layout is written
 * here once (its frame is {@link RecordBuffer}'s). Every payload starts with its kind byte.
 * A log holds {@link Put} and {@link Remove}; a snapshot is one {@link ImageStart}, its
 * {@link Put}s and one {@link ImageEnd}.
 */
sealed interface DiskRecord {

    byte PUT = 1;
    byte REMOVE = 2;
    byte IMAGE_START = 3;
    byte IMAGE_END = 4;

    /**
     * Reads one payload.
     * @throws IllegalArgumentException if it is not a well-formed record (unknown kind, wrong
     *         length, malformed UTF-8): the reader treats it like a bad checksum
     */
    static DiskRecord read(byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        try {
            DiskRecord record = switch (in.get()) {
                case PUT -> new Put(string(in), bytes(in), in.getLong());
                case REMOVE -> new Remove(string(in));
                case IMAGE_START -> new ImageStart(in.getLong(), in.getInt(), in.getLong(), in.getLong(), in.getInt());
                case IMAGE_END -> new ImageEnd(in.getInt());
                default -> throw new IllegalArgumentException("unknown record kind " + payload[0]);
            };
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the record");
            }
            return record;
        }
        catch (java.nio.BufferUnderflowException ex) {
            throw new IllegalArgumentException("record shorter than its kind needs", ex);
        }
    }

    private static byte[] bytes(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("byte string of " + length + " bytes in " + in.remaining());
        }
        byte[] value = new byte[length];
        in.get(value);
        return value;
    }

    private static String string(ByteBuffer in) {
        try {
            return Strict.UTF_8.get().decode(ByteBuffer.wrap(bytes(in))).toString();
        }
        catch (CharacterCodingException ex) {
            throw new IllegalArgumentException("malformed UTF-8 key", ex);
        }
    }

    /** A strict UTF-8 decoder per thread: making one per key costs more than decoding it. */
    final class Strict {

        static final ThreadLocal<java.nio.charset.CharsetDecoder> UTF_8 = ThreadLocal.withInitial(
                () -> StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));

        private Strict() {
        }
    }

    /**
     * A key set to a value: {@code PUT | key | value | int64 deadline}.
     * @param key the key
     * @param value the encoded value
     * @param deadlineMillis wall-clock milliseconds when it expires; 0 = never
     */
    record Put(String key, byte[] value, long deadlineMillis) implements DiskRecord {

        static void write(RecordBuffer out, String key, byte[] value, long deadlineMillis) {
            out.begin();
            out.putByte(PUT);
            out.putString(key);
            out.putBytes(value);
            out.putLong(deadlineMillis);
            out.end();
        }
    }

    /**
     * A key deleted: {@code REMOVE | key}.
     * @param key the key
     */
    record Remove(String key) implements DiskRecord {

        static void write(RecordBuffer out, String key) {
            out.begin();
            out.putByte(REMOVE);
            out.putString(key);
            out.end();
        }
    }

    /**
     * A snapshot's first record: {@code IMAGE_START | int64 magic | int32 version | int64 generation
     * | int64 takenMillis | int32 entries}.
     * @param magic {@link #MAGIC}
     * @param version {@link #VERSION}
     * @param generation the first log generation that holds writes after this image
     * @param takenMillis wall-clock time of the image
     * @param entries how many {@link Put}s follow
     */
    record ImageStart(long magic, int version, long generation, long takenMillis, int entries) implements DiskRecord {

        /** "SHMSNAP1". */
        static final long MAGIC = 0x53484D534E415031L;

        static final int VERSION = 1;

        static void write(RecordBuffer out, long generation, long takenMillis, int entries) {
            out.begin();
            out.putByte(IMAGE_START);
            out.putLong(MAGIC);
            out.putInt(VERSION);
            out.putLong(generation);
            out.putLong(takenMillis);
            out.putInt(entries);
            out.end();
        }
    }

    /**
     * A snapshot's last record: {@code IMAGE_END | int32 entries}; without it the image is incomplete.
     * @param entries how many {@link Put}s came before it
     */
    record ImageEnd(int entries) implements DiskRecord {

        static void write(RecordBuffer out, int entries) {
            out.begin();
            out.putByte(IMAGE_END);
            out.putInt(entries);
            out.end();
        }
    }
}
