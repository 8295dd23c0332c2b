package io.sharedmemory.core.internal.persistence;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * One generation's log file, open for appending. Written and forced by the log's writer thread
 * only; {@link #bytes()} may be read from any thread.
 */
final class LogFile implements AutoCloseable {

    private final PersistenceFiles files;

    private final long generation;

    private final FileChannel channel;

    private volatile long bytes;

    private LogFile(PersistenceFiles files, long generation, FileChannel channel, long bytes) {
        this.files = files;
        this.generation = generation;
        this.channel = channel;
        this.bytes = bytes;
    }

    /** Opens (or creates) a generation's file; a new name is made durable with a directory fsync. */
    static LogFile open(PersistenceFiles files, long generation) throws IOException {
        FileChannel channel = FileChannel.open(files.log(generation), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        // The new file's name must survive a power cut too, or its forced records would not.
        files.syncDirectory();
        return new LogFile(files, generation, channel, channel.size());
    }

    long generation() {
        return this.generation;
    }

    /** Bytes in the file so far. */
    long bytes() {
        return this.bytes;
    }

    /** Appends bytes {@code from} to {@code to} of a buffer. */
    void append(RecordBuffer buffer, int from, int to) throws IOException {
        buffer.writeTo(this.channel, from, to);
        this.bytes += to - from;
    }

    /** Forces the file's data to disk ({@code fdatasync}: the length is data, other metadata is not needed). */
    void force() throws IOException {
        this.channel.force(false);
    }

    /** Forces and closes this file and opens the next generation's. */
    LogFile next() throws IOException {
        force();
        this.channel.close();
        return open(this.files, this.generation + 1);
    }

    @Override
    public void close() throws IOException {
        this.channel.close();
    }
}
