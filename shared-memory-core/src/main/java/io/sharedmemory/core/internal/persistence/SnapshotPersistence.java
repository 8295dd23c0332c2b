package io.sharedmemory.core.internal.persistence;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sharedmemory.core.KeyEvent;
import io.sharedmemory.core.PersistenceSettings;
import io.sharedmemory.core.SharedMemoryException;
import io.sharedmemory.core.internal.pubsub.NamedThreadFactory;
import io.sharedmemory.core.internal.store.InMemoryStore;
import io.sharedmemory.core.internal.store.StoreImage;

/**
 * Mode {@code snapshot}: an image of the store every {@code snapshot-interval} (when something
 * changed) and at a clean shutdown, on the thread "shared-memory-snapshot-1". Taking the image
 * holds the store's batch lock only while references are copied; encoding and writing happen
 * after. A crash loses the writes since the last image.
 */
final class SnapshotPersistence implements Persistence {

    private static final Logger logger = LoggerFactory.getLogger(SnapshotPersistence.class);

    private final PersistenceSettings settings;

    private final InMemoryStore store;

    private final PersistenceFiles files;

    /** Changes since the last image began; a quiet store is not rewritten. */
    private final LongAdder changes = new LongAdder();

    private final Object writing = new Object();

    private DirectoryLock lock;

    private ScheduledExecutorService timer;

    private Runnable unlisten;

    /** The generation of the next image; images are numbered like log generations. */
    private long nextGeneration;

    private boolean closed;

    SnapshotPersistence(PersistenceSettings settings, InMemoryStore store) {
        this.settings = settings;
        this.store = store;
        this.files = new PersistenceFiles(settings.directory());
    }

    @Override
    public synchronized void open() {
        this.lock = DirectoryLock.acquire(this.files);
        try {
            StoreRestore.Restored restored = StoreRestore.restore(this.files, this.store);
            this.nextGeneration = restored.highestGeneration() + 1;
            // Logs left by an earlier mode: taken in now, and folded into the first image at once.
            if (!this.files.logGenerations().isEmpty()) {
                writeImage();
            }
        }
        catch (IOException | RuntimeException ex) {
            this.lock.close();
            this.lock = null;
            throw new SharedMemoryException("Cannot restore from " + this.files.directory() + ": " + ex, ex);
        }
        this.unlisten = this.store.addChangeListener((type, key, oldBytes, newBytes, ttl) -> {
            if (type != KeyEvent.Type.EXPIRE) {
                this.changes.increment();
            }
        });
        long interval = this.settings.snapshotInterval().toMillis();
        this.timer = Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("shared-memory-snapshot"));
        this.timer.scheduleWithFixedDelay(this::scheduled, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void scheduled() {
        try {
            if (this.changes.sum() > 0) {
                writeImage();
            }
        }
        catch (IOException | RuntimeException ex) {
            logger.error("Writing the snapshot in {} failed; the previous one stays", this.files.directory(), ex);
        }
    }

    /** Takes and writes an image; the caller handles failure. */
    void writeImage() throws IOException {
        synchronized (this.writing) {
            long generation = this.nextGeneration++;
            long start = System.nanoTime();
            StoreImage image = this.store.image(this.changes::reset);
            long paused = System.nanoTime() - start;
            long bytes = SnapshotFile.write(this.files, image, generation);
            this.files.deleteLogsBefore(generation);
            logger.info("Wrote a snapshot of {} keys ({} bytes) to {} in {} ms; writes paused {} ms", image.size(),
                    bytes, this.files.snapshot(), (System.nanoTime() - start) / 1_000_000, paused / 1_000_000);
        }
    }

    @Override
    public Durability durability() {
        return Durability.NONE;
    }

    @Override
    public synchronized void close() {
        if (this.closed || this.lock == null) {
            return;
        }
        this.closed = true;
        this.timer.shutdownNow();
        try {
            this.timer.awaitTermination(30, TimeUnit.SECONDS);
            writeImage();
        }
        catch (IOException | RuntimeException ex) {
            logger.error("Writing the last snapshot in {} failed; the previous one stays", this.files.directory(), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            this.unlisten.run();
            this.lock.close();
        }
    }
}
