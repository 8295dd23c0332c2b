package io.sharedmemory.bench.sm;

import java.nio.file.Path;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.PersistenceSettings;
import io.sharedmemory.core.SharedMemory;

/**
 * The main process of the child rows: it owns the data and does nothing but serve children,
 * like a dedicated redis-server does.
 */
public final class SharedMemoryMainHost implements AutoCloseable {

    private final KeyValueStore store;

    /**
     * Starts main on a socket.
     * @param socket the socket path
     */
    public SharedMemoryMainHost(Path socket) {
        this.store = SharedMemory.builder().socketPath(socket).startMain();
    }

    /**
     * Starts main on a socket with {@code persistence.mode=log}.
     * @param socket the socket path
     * @param directory the persistence directory
     * @param fsync {@code always}, {@code everysec} or {@code no}
     */
    public SharedMemoryMainHost(Path socket, Path directory, String fsync) {
        this.store = SharedMemory.builder().socketPath(socket).persistenceMode(PersistenceSettings.Mode.LOG)
                .persistenceDirectory(directory)
                .fsync(PersistenceSettings.Fsync.valueOf(fsync.toUpperCase(java.util.Locale.ROOT))).startMain();
    }

    /** Unbinds the socket. */
    @Override
    public void close() {
        this.store.close();
    }
}
