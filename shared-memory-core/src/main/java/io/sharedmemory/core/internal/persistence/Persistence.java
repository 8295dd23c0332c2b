package io.sharedmemory.core.internal.persistence;

import java.time.Duration;

import io.sharedmemory.core.PersistenceSettings;
import io.sharedmemory.core.internal.store.InMemoryStore;

/**
 * Main's persistence in one of its modes. Lifecycle: {@link #open()} once, before the socket
 * accepts children (it locks the directory, restores the store and starts the threads), then
 * {@link #close()} once, after the socket is closed (it writes what a clean shutdown owes).
 */
public interface Persistence extends AutoCloseable {

    /**
     * Builds the persistence the settings ask for; starts nothing.
     * @param settings the mode and its options
     * @param store the store to restore into and to persist; empty and not yet written to
     * @param waitLimit the longest a write's acknowledgement waits for the disk
     * @return the persistence
     */
    static Persistence create(PersistenceSettings settings, InMemoryStore store, Duration waitLimit) {
        return switch (settings.mode()) {
            case NONE -> new NoPersistence();
            case SNAPSHOT -> new SnapshotPersistence(settings, store);
            case LOG -> new LogPersistence(settings, store, waitLimit, LogPersistence.MIN_REWRITE_BYTES);
        };
    }

    /**
     * Locks the directory, restores what it holds into the store, and starts persisting.
     * @throws io.sharedmemory.core.SharedMemoryException naming the directory if another live
     *         main holds it or it cannot be read or written
     */
    void open();

    /**
     * What acknowledgements wait for.
     * @return the durability barrier; {@link Durability#NONE} when nothing waits
     */
    Durability durability();

    /** Writes what a clean shutdown owes (a last snapshot, the log's tail), then unlocks. Idempotent. */
    @Override
    void close();
}
