package io.sharedmemory.core.internal.persistence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;

import io.sharedmemory.core.SharedMemoryException;

/**
 * The live main's hold on its persistence directory: an OS lock on {@code lock}, which the
 * kernel releases when the process dies however it dies, so a {@code kill -9} never leaves a
 * stale lock, and a second live main (in this JVM or another) is refused.
 */
final class DirectoryLock implements AutoCloseable {

    private final FileChannel channel;

    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the directory, creating it if absent.
     * @throws SharedMemoryException naming the directory if another live main holds it or it
     *         cannot be created
     */
    static DirectoryLock acquire(PersistenceFiles files) {
        FileChannel channel = null;
        try {
            java.nio.file.Files.createDirectories(files.directory());
            channel = FileChannel.open(files.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            FileLock lock;
            try {
                lock = channel.tryLock();
            }
            catch (OverlappingFileLockException ex) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new SharedMemoryException("The persistence directory " + files.directory()
                        + " is held by another live main (its lock file is locked); stop that main or set "
                        + "shared-memory.persistence.directory to another directory");
            }
            // For people only: which process holds it.
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
                    0);
            return new DirectoryLock(channel, lock);
        }
        catch (IOException ex) {
            closeQuietly(channel);
            throw new SharedMemoryException("Cannot use the persistence directory " + files.directory() + ": " + ex,
                    ex);
        }
    }

    @Override
    public void close() {
        try {
            this.lock.release();
        }
        catch (IOException ex) {
            // Closing the channel below releases it as well.
        }
        closeQuietly(this.channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            }
            catch (IOException ex) {
                // nothing more to release
            }
        }
    }
}
