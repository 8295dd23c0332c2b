package io.sharedmemory.core.internal.nearcache;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.sharedmemory.core.AsyncKeyValueStore;
import io.sharedmemory.core.KeyEvent;
import io.sharedmemory.core.Role;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.Subscription;
import io.sharedmemory.core.internal.store.GlobPattern;

/**
 * The store behind the near cache in its unit tests: a map, standing for main (or Redis), that
 * counts its reads and can run a step while a read is in flight (after the value was read, before
 * the reply returns), which is where the races of the near cache live.
 */
final class ScriptedStore implements SharedMemoryStore {

    final Map<String, Object> data = new ConcurrentHashMap<>();

    final AtomicInteger gets = new AtomicInteger();

    private volatile Consumer<String> inFlight = (key) -> { };

    private volatile boolean started;

    private volatile boolean closed;

    /** Runs {@code step} once, during the next read, after the store read its value. */
    void duringNextGet(Consumer<String> step) {
        this.inFlight = (key) -> {
            this.inFlight = (ignored) -> { };
            step.accept(key);
        };
    }

    @Override
    public void start() {
        // A test may put a new near cache in front of the same data: starting opens it again.
        this.closed = false;
        this.started = true;
    }

    @Override
    public boolean isRunning() {
        return this.started && !this.closed;
    }

    @Override
    public boolean isAvailable() {
        return isRunning();
    }

    @Override
    public String endpoint() {
        return "scripted";
    }

    @Override
    public void set(String key, Object value) {
        this.data.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }

    @Override
    public void set(String key, Object value, Duration ttl) {
        set(key, value);
    }

    @Override
    public Object get(String key) {
        this.gets.incrementAndGet();
        Object value = this.data.get(key);
        this.inFlight.accept(key);
        return value;
    }

    @Override
    public boolean delete(String key) {
        return this.data.remove(key) != null;
    }

    @Override
    public Map<String, Object> getAll() {
        return Map.copyOf(this.data);
    }

    @Override
    public Map<String, Object> getAll(Collection<String> keys) {
        Map<String, Object> found = new HashMap<>();
        keys.forEach((key) -> {
            Object value = this.data.get(key);
            if (value != null) {
                found.put(key, value);
            }
        });
        return Map.copyOf(found);
    }

    @Override
    public void setAll(Map<String, ?> entries) {
        this.data.putAll(entries);
    }

    @Override
    public AsyncKeyValueStore async() {
        return new AsyncKeyValueStore() {

            @Override
            public CompletableFuture<Void> set(String key, Object value) {
                return CompletableFuture.runAsync(() -> ScriptedStore.this.set(key, value));
            }

            @Override
            public CompletableFuture<Void> set(String key, Object value, Duration ttl) {
                return set(key, value);
            }

            @Override
            public CompletableFuture<Object> get(String key) {
                return CompletableFuture.completedFuture(ScriptedStore.this.get(key));
            }

            @Override
            public CompletableFuture<Boolean> delete(String key) {
                return CompletableFuture.completedFuture(ScriptedStore.this.delete(key));
            }

            @Override
            public CompletableFuture<Map<String, Object>> getAll() {
                return CompletableFuture.completedFuture(ScriptedStore.this.getAll());
            }

            @Override
            public CompletableFuture<Map<String, Object>> getAll(Collection<String> keys) {
                return CompletableFuture.completedFuture(ScriptedStore.this.getAll(keys));
            }

            @Override
            public CompletableFuture<Void> setAll(Map<String, ?> entries) {
                return CompletableFuture.runAsync(() -> ScriptedStore.this.setAll(entries));
            }

            @Override
            public CompletableFuture<Set<String>> keys(String globPattern) {
                return CompletableFuture.completedFuture(ScriptedStore.this.keys(globPattern));
            }

            @Override
            public CompletableFuture<Boolean> setIfAbsent(String key, Object value) {
                return CompletableFuture.completedFuture(ScriptedStore.this.setIfAbsent(key, value));
            }

            @Override
            public CompletableFuture<Boolean> compareAndSet(String key, Object expected, Object update) {
                return CompletableFuture.completedFuture(ScriptedStore.this.compareAndSet(key, expected, update));
            }

            @Override
            public CompletableFuture<Long> increment(String key, long delta) {
                return CompletableFuture.supplyAsync(() -> ScriptedStore.this.increment(key, delta));
            }

            @Override
            public CompletableFuture<Void> publish(String channel, Object message) {
                return CompletableFuture.completedFuture(null);
            }
        };
    }

    @Override
    public Set<String> keys(String globPattern) {
        GlobPattern glob = GlobPattern.compile(globPattern);
        return Set.copyOf(this.data.keySet().stream().filter(glob::matches).toList());
    }

    @Override
    public boolean setIfAbsent(String key, Object value) {
        return this.data.putIfAbsent(key, value) == null;
    }

    @Override
    public boolean compareAndSet(String key, Object expected, Object update) {
        return this.data.replace(key, expected, update);
    }

    @Override
    public long increment(String key, long delta) {
        return (Long) this.data.merge(key, delta, (old, add) -> (Long) old + (Long) add);
    }

    @Override
    public void publish(String channel, Object message) {
    }

    @Override
    public Subscription subscribe(String channel, Consumer<Object> listener) {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public Subscription subscribePattern(String globPattern, BiConsumer<String, Object> listener) {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public Subscription watch(String keyPattern, Consumer<KeyEvent> listener) {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public Role role() {
        return Role.CHILD;
    }

    @Override
    public void close() {
        this.closed = true;
    }
}
