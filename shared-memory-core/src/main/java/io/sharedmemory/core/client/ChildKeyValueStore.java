package io.sharedmemory.core.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.sharedmemory.core.Role;
import io.sharedmemory.core.SharedMemorySettings;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.Subscription;

/** TODO(transport): being written; signatures are final. */
public class ChildKeyValueStore implements SharedMemoryStore {
    /** @param settings settings */
    public ChildKeyValueStore(SharedMemorySettings settings) { }
    private static RuntimeException todo() { return new UnsupportedOperationException("TODO"); }
    @Override public void start() { throw todo(); }
    @Override public boolean isRunning() { throw todo(); }
    @Override public boolean isAvailable() { throw todo(); }
    @Override public Path socketPath() { throw todo(); }
    @Override public void set(String key, Object value) { throw todo(); }
    @Override public void set(String key, Object value, Duration ttl) { throw todo(); }
    @Override public Object get(String key) { throw todo(); }
    @Override public <T> T get(String key, T defaultValue) { throw todo(); }
    @Override public boolean delete(String key) { throw todo(); }
    @Override public Map<String, Object> getAll() { throw todo(); }
    @Override public Set<String> keys(String globPattern) { throw todo(); }
    @Override public boolean setIfAbsent(String key, Object value) { throw todo(); }
    @Override public boolean compareAndSet(String key, Object expected, Object update) { throw todo(); }
    @Override public long increment(String key, long delta) { throw todo(); }
    @Override public void publish(String channel, Object message) { throw todo(); }
    @Override public Subscription subscribe(String channel, Consumer<Object> listener) { throw todo(); }
    @Override public Subscription subscribePattern(String globPattern, BiConsumer<String, Object> listener) { throw todo(); }
    @Override public Role role() { throw todo(); }
    @Override public void close() { }
}
