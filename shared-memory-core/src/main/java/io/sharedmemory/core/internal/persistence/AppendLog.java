package io.sharedmemory.core.internal.persistence;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sharedmemory.core.PersistenceSettings.Fsync;
import io.sharedmemory.core.SharedMemoryException;
import io.sharedmemory.core.internal.pubsub.NamedThreadFactory;

/**
 * The append-only log. Writers ({@link #put}, {@link #remove}) only encode a record into an
 * in-memory buffer under a short monitor, from inside the store's map operation, so records are
 * in applied order per key; one thread, "shared-memory-log-writer", swaps the buffer out and
 * writes it, so every write that arrived while the previous batch was on its way shares one
 * write and one fsync (group commit).
 *
 * <p>State, guarded by {@link #lock}: {@code appended} counts records put in the buffer;
 * {@code durable} (also volatile) is the count known forced to disk. Invariant:
 * {@code durable <= appended}, and every record numbered up to {@code durable} is in a file that
 * was forced after it was written. A pending {@linkplain #cut() cut} marks an offset in the
 * current buffer: what is before it goes to the current generation's file, what is after to the
 * next generation's, which the writer creates before it writes past the cut.
 */
final class AppendLog implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(AppendLog.class);

    /** How often {@code everysec} forces the log: Redis's one second. */
    static final long EVERYSEC_NANOS = TimeUnit.SECONDS.toNanos(1);

    /**
     * Bytes the buffer may hold before writers wait (after their write, outside the store's
     * lock) for the disk: enough for a burst of large values, small against a heap, and it
     * bounds what {@code everysec} or {@code no} can lose to a crash beyond their promise.
     */
    static final int MAX_PENDING_BYTES = 64 * 1024 * 1024;

    private final PersistenceFiles files;

    private final Fsync fsync;

    private final long waitLimitNanos;

    private final Object lock = new Object();

    private RecordBuffer pending = new RecordBuffer(64 * 1024);

    private RecordBuffer spare = new RecordBuffer(64 * 1024);

    private long appended;

    private volatile long durable;

    /** Offset of a cut in {@link #pending}, or -1. */
    private int cutOffset = -1;

    /** The generation the writer writes to first; see {@link #file}. */
    private final long firstGeneration;

    private volatile IOException failure;

    private boolean closing;

    /** Set when the writer thread has ended, for whatever reason. */
    private boolean stopped;

    private boolean writerWaiting;

    /** The count of the last record this thread appended; read by {@link #awaitOwnWrites()}. */
    private final ThreadLocal<long[]> lastOwn = ThreadLocal.withInitial(() -> new long[1]);

    /** The file the writer appends to; after a cut is written, the next generation's. */
    private volatile LogFile file;

    private Thread writer;

    /**
     * @param files the directory
     * @param generation the generation to write first; its file is created or appended to
     * @param fsync when to force
     * @param waitLimitNanos the longest {@link #awaitOwnWrites()} waits
     */
    AppendLog(PersistenceFiles files, long generation, Fsync fsync, long waitLimitNanos) {
        this.files = files;
        this.firstGeneration = generation;
        this.fsync = fsync;
        this.waitLimitNanos = waitLimitNanos;
    }

    /** Opens the first file and starts the writer thread. */
    void start() throws IOException {
        this.file = LogFile.open(this.files, this.firstGeneration);
        this.writer = NamedThreadFactory.start("shared-memory-log-writer", this::writeLoop);
    }

    /** Appends a set; called from inside the store's map operation, so it must stay quick. */
    void put(String key, byte[] value, long deadlineMillis) {
        if (this.failure != null) {
            // Nothing drains the buffer any more; the write is refused by awaitOwnWrites instead.
            return;
        }
        long count;
        synchronized (this.lock) {
            DiskRecord.Put.write(this.pending, key, value, deadlineMillis);
            count = appendedOne();
        }
        this.lastOwn.get()[0] = count;
    }

    /** Appends a delete; called like {@link #put}. */
    void remove(String key) {
        if (this.failure != null) {
            return;
        }
        long count;
        synchronized (this.lock) {
            DiskRecord.Remove.write(this.pending, key);
            count = appendedOne();
        }
        this.lastOwn.get()[0] = count;
    }

    private long appendedOne() {
        long count = ++this.appended;
        if (this.writerWaiting) {
            this.lock.notifyAll();
        }
        return count;
    }

    /**
     * Starts a new generation at this point of the log: records appended from now on go to the
     * next generation's file. Called inside the store's exclusive hold, so it must stay quick.
     * @return the new generation
     */
    long cut() {
        synchronized (this.lock) {
            if (this.cutOffset >= 0) {
                throw new IllegalStateException("The previous cut is not written yet");
            }
            this.cutOffset = this.pending.size();
            this.lock.notifyAll();
            return this.file.generation() + 1;
        }
    }

    /** Waits until the writer has moved to {@code generation} (see {@link #cut()}). */
    void awaitGeneration(long generation) throws IOException, InterruptedException {
        synchronized (this.lock) {
            while (this.file.generation() < generation && this.failure == null && !this.stopped) {
                this.lock.wait(100);
            }
        }
        throwIfFailed();
        if (this.file.generation() < generation) {
            throw new IOException("The persistence log closed before it reached generation " + generation);
        }
    }

    /** Bytes written to the current generation's file so far. */
    long bytesInGeneration() {
        return this.file.bytes();
    }

    /**
     * Waits until this thread's writes are as durable as the policy promises: forced to disk for
     * {@code always}; for the other policies only until the buffer is below its bound.
     * @throws SharedMemoryException if the log cannot be written, or the disk did not keep up
     *         within the wait limit: the write is then not acknowledged
     */
    void awaitOwnWrites() {
        long mine = this.lastOwn.get()[0];
        boolean needsForce = this.fsync == Fsync.ALWAYS && this.durable < mine;
        if (!needsForce && this.failure == null && pendingBytesUnguarded() <= MAX_PENDING_BYTES) {
            return;
        }
        long deadline = System.nanoTime() + this.waitLimitNanos;
        synchronized (this.lock) {
            while (this.failure == null && !this.stopped
                    && ((this.fsync == Fsync.ALWAYS && this.durable < mine) || this.pending.size() > MAX_PENDING_BYTES)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SharedMemoryException("The persistence log did not reach the disk within "
                            + TimeUnit.NANOSECONDS.toMillis(this.waitLimitNanos) + " ms");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this.lock, left);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new SharedMemoryException("Interrupted while waiting for the persistence log");
                }
            }
            if (this.failure != null) {
                throw new SharedMemoryException("The persistence log cannot be written: " + this.failure,
                        this.failure);
            }
            if (this.fsync == Fsync.ALWAYS && this.durable < mine) {
                throw new SharedMemoryException("The persistence log closed before this write reached the disk");
            }
        }
    }

    /** A racy read for the fast path; the guarded loop decides. */
    private int pendingBytesUnguarded() {
        return this.pending.size();
    }

    private void writeLoop() {
        long lastForce = System.nanoTime();
        boolean unforced = false;
        try {
            while (true) {
                RecordBuffer batch;
                long upTo;
                int cut;
                synchronized (this.lock) {
                    while (this.pending.size() == 0 && this.cutOffset < 0 && !this.closing) {
                        if (unforced && this.fsync == Fsync.EVERYSEC) {
                            long left = lastForce + EVERYSEC_NANOS - System.nanoTime();
                            if (left <= 0) {
                                break;
                            }
                            this.writerWaiting = true;
                            TimeUnit.NANOSECONDS.timedWait(this.lock, left);
                        }
                        else {
                            this.writerWaiting = true;
                            this.lock.wait();
                        }
                        this.writerWaiting = false;
                    }
                    this.writerWaiting = false;
                    if (this.pending.size() == 0 && this.cutOffset < 0 && this.closing) {
                        break;
                    }
                    batch = this.pending;
                    this.pending = this.spare;
                    upTo = this.appended;
                    cut = this.cutOffset;
                    this.cutOffset = -1;
                }
                if (cut >= 0) {
                    this.file.append(batch, 0, cut);
                    rotate();
                    this.file.append(batch, cut, batch.size());
                }
                else {
                    this.file.append(batch, 0, batch.size());
                }
                unforced |= batch.size() > 0;
                boolean force = this.fsync == Fsync.ALWAYS
                        || (this.fsync == Fsync.EVERYSEC && unforced && System.nanoTime() - lastForce >= EVERYSEC_NANOS);
                if (force) {
                    this.file.force();
                    lastForce = System.nanoTime();
                    unforced = false;
                }
                batch.clear();
                synchronized (this.lock) {
                    this.spare = batch;
                    if (force || this.fsync != Fsync.ALWAYS) {
                        this.durable = upTo;
                    }
                    this.lock.notifyAll();
                }
            }
            this.file.force();
            synchronized (this.lock) {
                this.durable = this.appended;
                this.lock.notifyAll();
            }
        }
        catch (IOException ex) {
            logger.error("Writing the persistence log {} failed; writes are no longer made durable",
                    this.files.log(this.file.generation()), ex);
            synchronized (this.lock) {
                this.failure = ex;
                this.lock.notifyAll();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            synchronized (this.lock) {
                this.stopped = true;
                this.lock.notifyAll();
            }
        }
    }

    /** Closes the current generation's file, forced, and opens the next one's. */
    private void rotate() throws IOException {
        LogFile next = this.file.next();
        synchronized (this.lock) {
            this.file = next;
            this.lock.notifyAll();
        }
    }

    private void throwIfFailed() throws IOException {
        IOException failed = this.failure;
        if (failed != null) {
            throw failed;
        }
    }

    /** Writes and forces what is buffered, stops the writer and closes the file. */
    @Override
    public void close() {
        synchronized (this.lock) {
            this.closing = true;
            this.lock.notifyAll();
        }
        Thread thread = this.writer;
        if (thread != null) {
            try {
                thread.join(TimeUnit.NANOSECONDS.toMillis(this.waitLimitNanos) + 5000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (this.file != null) {
                this.file.close();
            }
        }
        catch (IOException ex) {
            logger.warn("Closing the persistence log failed", ex);
        }
    }
}
