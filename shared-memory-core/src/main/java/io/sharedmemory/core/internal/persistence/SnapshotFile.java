package io.sharedmemory.core.internal.persistence;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import io.sharedmemory.core.internal.store.StoreImage;

/**
 * Writes a {@link StoreImage} as {@code snapshot.bin}, atomically: into {@code snapshot.tmp},
 * forced, renamed over the old one, and the directory forced, so that at every instant (power
 * cuts included) the file is either the old complete image or the new one. Its layout is
 * {@link DiskRecord.ImageStart}, one {@link DiskRecord.Put} per entry, {@link DiskRecord.ImageEnd},
 * each record checksummed.
 */
final class SnapshotFile {

    /** Bytes gathered before each write: large enough for few syscalls, small against a heap. */
    private static final int CHUNK_BYTES = 1024 * 1024;

    private SnapshotFile() {
    }

    /**
     * Writes the image.
     * @param files the directory
     * @param image what to write
     * @param generation the first log generation with writes after the image
     * @return the size of the file written
     * @throws IOException if it cannot be written; the previous snapshot is then untouched
     */
    static long write(PersistenceFiles files, StoreImage image, long generation) throws IOException {
        RecordBuffer out = new RecordBuffer(CHUNK_BYTES + 64 * 1024);
        long size = 0;
        try (FileChannel channel = FileChannel.open(files.snapshotInProgress(), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            DiskRecord.ImageStart.write(out, generation, System.currentTimeMillis(), image.size());
            for (int i = 0; i < image.size(); i++) {
                DiskRecord.Put.write(out, image.key(i), image.bytes(i), image.deadlineMillis(i));
                if (out.size() >= CHUNK_BYTES) {
                    size += flush(out, channel);
                }
            }
            DiskRecord.ImageEnd.write(out, image.size());
            size += flush(out, channel);
            channel.force(true);
        }
        Files.move(files.snapshotInProgress(), files.snapshot(), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        files.syncDirectory();
        return size;
    }

    private static int flush(RecordBuffer out, FileChannel channel) throws IOException {
        int size = out.size();
        out.writeTo(channel, 0, size);
        out.clear();
        return size;
    }
}
