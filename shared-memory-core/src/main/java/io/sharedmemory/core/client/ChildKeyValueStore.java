package io.sharedmemory.core.client;

import io.sharedmemory.core.SharedMemorySettings;

/** TODO(transport). */
public abstract class ChildKeyValueStore implements io.sharedmemory.core.SharedMemoryStore {
    /** @param settings settings */
    public ChildKeyValueStore(SharedMemorySettings settings) { }
}
