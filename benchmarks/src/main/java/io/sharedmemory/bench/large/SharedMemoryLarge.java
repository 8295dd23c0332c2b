package io.sharedmemory.bench.large;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.sharedmemory.core.KeyValueStore;

/** A store, of either role, loaded and read through the public API (setAll in batches, getAll). */
public final class SharedMemoryLarge implements LargeTarget {

    private final KeyValueStore store;

    private final Runnable onClose;

    /**
     * @param store the store to load and read
     * @param onClose what else to release when closed (after the store)
     */
    public SharedMemoryLarge(KeyValueStore store, Runnable onClose) {
        this.store = store;
        this.onClose = onClose;
    }

    /**
     * A child of main on a socket.
     * @param socket main's socket
     * @return the target
     */
    public static SharedMemoryLarge child(Path socket) {
        return new SharedMemoryLarge(io.sharedmemory.core.SharedMemory.builder().socketPath(socket).connectChild(),
                () -> { });
    }

    @Override
    public void load(int keys) {
        Map<String, Object> batch = new HashMap<>();
        for (int i = 0; i < keys; i++) {
            batch.put(LargeData.key(i), LargeData.value(i));
            if (batch.size() == LargeData.BATCH || i == keys - 1) {
                this.store.setAll(batch);
                batch.clear();
            }
        }
    }

    @Override
    public int readAll() {
        return this.store.getAll().size();
    }

    @Override
    public void close() {
        this.store.close();
        this.onClose.run();
    }
}
