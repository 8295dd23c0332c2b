package io.sharedmemory.core.server;

import io.sharedmemory.core.SharedMemorySettings;

/** TODO(transport). */
public abstract class MainKeyValueStore implements io.sharedmemory.core.SharedMemoryStore {
    /** @param settings settings */
    public MainKeyValueStore(SharedMemorySettings settings) { }
}
