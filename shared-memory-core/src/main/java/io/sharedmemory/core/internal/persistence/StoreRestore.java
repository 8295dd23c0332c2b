package io.sharedmemory.core.internal.persistence;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sharedmemory.core.internal.store.InMemoryStore;
import io.sharedmemory.core.internal.store.StoredValue;

/**
 * Loads a persistence directory into an empty store: the snapshot, then every log from the
 * snapshot's generation on, in order. A key whose deadline has passed is dropped (and a later
 * record of it wins as always). A torn or corrupt part is cut off with a {@code WARN} naming
 * the file and how many bytes were dropped; a log's bad tail is also truncated, so it is not
 * reported again. Only an I/O error fails the restore.
 */
final class StoreRestore {

    private static final Logger logger = LoggerFactory.getLogger(StoreRestore.class);

    private final PersistenceFiles files;

    private final InMemoryStore store;

    private long restoredRecords;

    private long expired;

    private long droppedBytes;

    private long logBytes;

    private StoreRestore(PersistenceFiles files, InMemoryStore store) {
        this.files = files;
        this.store = store;
    }

    /**
     * Restores the directory into the store; nothing else may write to the store meanwhile.
     * @return what was found, including the generation the next log should have
     * @throws IOException if a file cannot be read
     */
    static Restored restore(PersistenceFiles files, InMemoryStore store) throws IOException {
        return new StoreRestore(files, store).run();
    }

    private Restored run() throws IOException {
        long start = System.nanoTime();
        Files.deleteIfExists(this.files.snapshotInProgress());
        long snapshotGeneration = readSnapshot();
        List<Long> logs = this.files.logGenerations();
        long highest = snapshotGeneration;
        int logsRead = 0;
        for (long generation : logs) {
            highest = Math.max(highest, generation);
            if (generation >= snapshotGeneration) {
                readLog(this.files.log(generation));
                logsRead++;
            }
        }
        int keys = this.store.size();
        if (keys > 0 || logsRead > 0 || snapshotGeneration > 0) {
            logger.info("Restored {} keys from {} ({} records, from {} and {} log files; {} expired keys dropped) "
                    + "in {} ms", keys, this.files.directory(), this.restoredRecords,
                    (snapshotGeneration > 0) ? "a snapshot" : "no snapshot", logsRead, this.expired,
                    (System.nanoTime() - start) / 1_000_000);
        }
        return new Restored(keys, snapshotGeneration, highest, this.droppedBytes, this.expired, this.logBytes);
    }

    /** Applies the snapshot if there is a good one; returns its generation, 0 if none. */
    private long readSnapshot() throws IOException {
        Path file = this.files.snapshot();
        if (!Files.exists(file)) {
            return 0;
        }
        SnapshotSink sink = new SnapshotSink();
        RecordFileReader.Outcome outcome = RecordFileReader.read(file, sink);
        if (sink.start == null) {
            this.droppedBytes += outcome.fileBytes();
            logger.warn("Ignored the snapshot {}: it does not start with a valid image header ({}); dropped {} bytes",
                    file, outcome.clean() ? "wrong first record" : outcome.problem(), outcome.fileBytes());
            return 0;
        }
        if (!outcome.clean() || sink.end == null || sink.end.entries() != sink.puts) {
            this.droppedBytes += outcome.droppedBytes();
            logger.warn("The snapshot {} is damaged ({}): restored {} of its {} entries, dropped {} bytes", file,
                    outcome.clean() ? "no valid end record" : outcome.problem(), sink.puts, sink.start.entries(),
                    outcome.droppedBytes());
        }
        return sink.start.generation();
    }

    private void readLog(Path file) throws IOException {
        RecordFileReader.Outcome outcome = RecordFileReader.read(file, (record) -> {
            if (record instanceof DiskRecord.Put put) {
                apply(put);
            }
            else if (record instanceof DiskRecord.Remove remove) {
                this.store.delete(remove.key());
                this.restoredRecords++;
            }
        });
        this.logBytes += outcome.goodBytes();
        if (!outcome.clean()) {
            this.droppedBytes += outcome.droppedBytes();
            logger.warn("Cut off the persistence log {} at byte {} ({}): dropped {} bytes after {} good records",
                    file, outcome.goodBytes(), outcome.problem(), outcome.droppedBytes(), outcome.records());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(outcome.goodBytes());
                channel.force(true);
            }
        }
    }

    private void apply(DiskRecord.Put put) {
        this.restoredRecords++;
        if (put.deadlineMillis() == 0) {
            this.store.set(put.key(), StoredValue.encoded(put.value()), 0);
            return;
        }
        long left = put.deadlineMillis() - System.currentTimeMillis();
        if (left <= 0) {
            // It expired while main was down; an older value of the key must not come back either.
            this.store.delete(put.key());
            this.expired++;
        }
        else {
            this.store.set(put.key(), StoredValue.encoded(put.value()), left);
        }
    }

    /** Takes a snapshot's records: the header first, else nothing. */
    private final class SnapshotSink implements java.util.function.Consumer<DiskRecord> {

        private DiskRecord.ImageStart start;

        private DiskRecord.ImageEnd end;

        private int puts;

        private boolean rejected;

        @Override
        public void accept(DiskRecord record) {
            if (this.rejected || this.end != null) {
                return;
            }
            if (this.start == null) {
                if (record instanceof DiskRecord.ImageStart header && header.magic() == DiskRecord.ImageStart.MAGIC
                        && header.version() == DiskRecord.ImageStart.VERSION) {
                    this.start = header;
                }
                else {
                    this.rejected = true;
                }
            }
            else if (record instanceof DiskRecord.Put put) {
                this.puts++;
                apply(put);
            }
            else if (record instanceof DiskRecord.ImageEnd imageEnd) {
                this.end = imageEnd;
            }
        }
    }

    /**
     * What a restore found.
     * @param keys live keys in the store after it
     * @param snapshotGeneration the snapshot's generation, 0 if none was used
     * @param highestGeneration the highest generation of any file present
     * @param droppedBytes bytes cut off as torn or corrupt
     * @param expired keys dropped because their deadline had passed
     * @param logBytes bytes of the logs replayed after the snapshot, which the next rewrite folds in
     */
    record Restored(int keys, long snapshotGeneration, long highestGeneration, long droppedBytes, long expired,
            long logBytes) {
    }
}
