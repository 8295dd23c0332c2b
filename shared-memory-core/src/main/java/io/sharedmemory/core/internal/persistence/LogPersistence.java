package io.sharedmemory.core.internal.persistence;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sharedmemory.core.KeyEvent;
import io.sharedmemory.core.PersistenceSettings;
import io.sharedmemory.core.SharedMemoryException;
import io.sharedmemory.core.internal.pubsub.NamedThreadFactory;
import io.sharedmemory.core.internal.store.InMemoryStore;
import io.sharedmemory.core.internal.store.StoreImage;

/**
 * Mode {@code log}: every SET and DELETE the store applies goes to the {@link AppendLog}
 * (EXPIREs need no record: a restore drops what is past its deadline). The log is compacted by
 * rewriting: on the thread "shared-memory-log-rewrite-1", once the current generation has grown
 * (with the logs replayed at start) past {@link #MIN_REWRITE_BYTES} and past the last image's size (Redis's
 * {@code auto-aof-rewrite-min-size} and {@code -percentage 100}), the store's image and a cut of
 * the log are taken in one exclusive hold, the image is written as the snapshot of the new
 * generation, and older logs are deleted. Writers are held only while the image copies references.
 */
final class LogPersistence implements Persistence {

    private static final Logger logger = LoggerFactory.getLogger(LogPersistence.class);

    /** A log smaller than this is never rewritten: rewriting a small log saves nothing worth the work. */
    static final long MIN_REWRITE_BYTES = 64L * 1024 * 1024;

    /** How often the log's size is checked against the rewrite threshold. */
    static final long REWRITE_CHECK_MILLIS = 1000;

    private final PersistenceSettings settings;

    private final InMemoryStore store;

    private final PersistenceFiles files;

    private final Duration waitLimit;

    private final long minRewriteBytes;

    private AppendLog log;

    private DirectoryLock lock;

    private ScheduledExecutorService rewriter;

    private Runnable unlisten;

    /** Size of the last image written, the base the log must outgrow to be rewritten. */
    private volatile long lastImageBytes;

    /**
     * Bytes of older logs still to be folded into an image: those replayed at start (each start
     * opens a new generation, so restarts alone would pile them up), until the next rewrite.
     */
    private volatile long olderLogBytes;

    private boolean closed;

    LogPersistence(PersistenceSettings settings, InMemoryStore store, Duration waitLimit, long minRewriteBytes) {
        this.settings = settings;
        this.store = store;
        this.files = new PersistenceFiles(settings.directory());
        this.waitLimit = waitLimit;
        this.minRewriteBytes = minRewriteBytes;
    }

    @Override
    public synchronized void open() {
        this.lock = DirectoryLock.acquire(this.files);
        try {
            StoreRestore.Restored restored = StoreRestore.restore(this.files, this.store);
            // A fresh generation per start: no record is ever appended behind a cut-off tail.
            this.log = new AppendLog(this.files, restored.highestGeneration() + 1, this.settings.fsync(),
                    this.waitLimit.toNanos());
            this.log.start();
            this.olderLogBytes = restored.logBytes();
            this.lastImageBytes = java.nio.file.Files.exists(this.files.snapshot())
                    ? java.nio.file.Files.size(this.files.snapshot()) : 0;
        }
        catch (IOException | RuntimeException ex) {
            if (this.log != null) {
                this.log.close();
            }
            this.lock.close();
            this.lock = null;
            throw new SharedMemoryException("Cannot restore from " + this.files.directory() + ": " + ex, ex);
        }
        AppendLog target = this.log;
        this.unlisten = this.store.addChangeListener((type, key, oldBytes, newBytes, ttlNanos) -> {
            if (type == KeyEvent.Type.SET) {
                target.put(key, newBytes, (ttlNanos == 0) ? 0
                        : System.currentTimeMillis() + Math.max(1, (ttlNanos + 999_999) / 1_000_000));
            }
            else if (type == KeyEvent.Type.DELETE) {
                target.remove(key);
            }
        });
        this.rewriter = Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("shared-memory-log-rewrite"));
        this.rewriter.scheduleWithFixedDelay(this::rewriteIfLarge, REWRITE_CHECK_MILLIS, REWRITE_CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private void rewriteIfLarge() {
        long size = this.olderLogBytes + this.log.bytesInGeneration();
        if (size < this.minRewriteBytes || size < this.lastImageBytes) {
            return;
        }
        try {
            rewrite();
        }
        catch (IOException | RuntimeException ex) {
            logger.error("Rewriting the persistence log in {} failed; the log keeps growing until a rewrite succeeds",
                    this.files.directory(), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Compacts: image and cut in one hold, then the image as the new generation's snapshot. */
    void rewrite() throws IOException, InterruptedException {
        long start = System.nanoTime();
        long[] generation = new long[1];
        StoreImage image = this.store.image(() -> generation[0] = this.log.cut());
        long paused = System.nanoTime() - start;
        // The old generation must be complete on disk before the snapshot that replaces it is.
        this.log.awaitGeneration(generation[0]);
        long bytes = SnapshotFile.write(this.files, image, generation[0]);
        this.lastImageBytes = bytes;
        this.olderLogBytes = 0;
        this.files.deleteLogsBefore(generation[0]);
        logger.info("Rewrote the persistence log in {} as a snapshot of {} keys ({} bytes) in {} ms; writes paused {} ms",
                this.files.directory(), image.size(), bytes, (System.nanoTime() - start) / 1_000_000,
                paused / 1_000_000);
    }

    @Override
    public Durability durability() {
        return this.log::awaitOwnWrites;
    }

    @Override
    public synchronized void close() {
        if (this.closed || this.lock == null) {
            return;
        }
        this.closed = true;
        this.rewriter.shutdownNow();
        try {
            this.rewriter.awaitTermination(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        this.unlisten.run();
        this.log.close();
        this.lock.close();
    }
}
