package io.sharedmemory.core.internal.persistence;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Reads a file of records and stops cleanly at the first one that is torn (the file ends inside
 * it), fails its checksum, or does not parse: everything before it is good, everything from it
 * on is dropped, and {@link Outcome} says how much and why. It never throws for what the file
 * holds; only an I/O error reading it does.
 */
final class RecordFileReader {

    private RecordFileReader() {
    }

    /**
     * Reads every good record of a file, in order.
     * @param file the file
     * @param sink takes each good record
     * @return where the good part ends and why
     * @throws IOException if the file cannot be read
     */
    static Outcome read(Path file, Consumer<DiskRecord> sink) throws IOException {
        long fileBytes = Files.size(file);
        try (InputStream stream = Files.newInputStream(file)) {
            return read(stream, fileBytes, sink);
        }
    }

    static Outcome read(InputStream stream, long fileBytes, Consumer<DiskRecord> sink) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 64 * 1024));
        long good = 0;
        long records = 0;
        CRC32C crc = new CRC32C();
        while (good < fileBytes) {
            long left = fileBytes - good;
            if (left < RecordBuffer.HEADER_BYTES) {
                return new Outcome(good, fileBytes, records, "torn record header");
            }
            int length = in.readInt();
            int checksum = in.readInt();
            // Bounded by what the file holds, so garbage never makes the reader allocate much.
            if (length < 1 || length > left - RecordBuffer.HEADER_BYTES) {
                return new Outcome(good, fileBytes, records,
                        (length < 1) ? "bad record length " + length : "torn record (" + length + " bytes announced)");
            }
            byte[] payload = new byte[length];
            try {
                in.readFully(payload);
            }
            catch (EOFException ex) {
                return new Outcome(good, fileBytes, records, "file shorter than its size");
            }
            crc.reset();
            crc.update(payload);
            if ((int) crc.getValue() != checksum) {
                return new Outcome(good, fileBytes, records, "bad checksum");
            }
            DiskRecord record;
            try {
                record = DiskRecord.read(payload);
            }
            catch (IllegalArgumentException ex) {
                return new Outcome(good, fileBytes, records, "malformed record: " + ex.getMessage());
            }
            sink.accept(record);
            good += RecordBuffer.HEADER_BYTES + length;
            records++;
        }
        return new Outcome(good, fileBytes, records, null);
    }

    /**
     * What a read found.
     * @param goodBytes bytes of the good records, from the start
     * @param fileBytes the file's size
     * @param records good records read
     * @param problem why reading stopped before the end, or null if it read the whole file
     */
    record Outcome(long goodBytes, long fileBytes, long records, String problem) {

        boolean clean() {
            return this.problem == null;
        }

        long droppedBytes() {
            return this.fileBytes - this.goodBytes;
        }
    }
}
