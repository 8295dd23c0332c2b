package io.sharedmemory.core.internal.nearcache;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.sharedmemory.core.AsyncKeyValueStore;

/**
 * Internal. The asynchronous view of a near-cached store: every read goes to the store (a
 * future-returning read has a round trip to hide anyway), and every write drops its keys from
 * the cache when it is sent and again before its future completes, so a blocking {@code get}
 * after the future reads the write.
 */
final class NearCachedAsyncStore implements AsyncKeyValueStore {

    private final AsyncKeyValueStore store;

    private final NearCache cache;

    NearCachedAsyncStore(AsyncKeyValueStore store, NearCache cache) {
        this.store = store;
        this.cache = cache;
    }

    @Override
    public CompletableFuture<Void> set(String key, Object value) {
        return write(key, () -> this.store.set(key, value));
    }

    @Override
    public CompletableFuture<Void> set(String key, Object value, Duration ttl) {
        return write(key, () -> this.store.set(key, value, ttl));
    }

    @Override
    public CompletableFuture<Object> get(String key) {
        return this.store.get(key);
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        return write(key, () -> this.store.delete(key));
    }

    @Override
    public CompletableFuture<Map<String, Object>> getAll() {
        return this.store.getAll();
    }

    @Override
    public CompletableFuture<Map<String, Object>> getAll(Collection<String> keys) {
        return this.store.getAll(keys);
    }

    @Override
    public CompletableFuture<Void> setAll(Map<String, ?> entries) {
        Objects.requireNonNull(entries, "entries");
        entries.keySet().forEach((key) -> this.cache.invalidate(Objects.requireNonNull(key, "key")));
        return afterward(this.store.setAll(entries), () -> entries.keySet().forEach(this.cache::invalidate));
    }

    @Override
    public CompletableFuture<Set<String>> keys(String globPattern) {
        return this.store.keys(globPattern);
    }

    @Override
    public CompletableFuture<Boolean> setIfAbsent(String key, Object value) {
        return write(key, () -> this.store.setIfAbsent(key, value));
    }

    @Override
    public CompletableFuture<Boolean> compareAndSet(String key, Object expected, Object update) {
        return write(key, () -> this.store.compareAndSet(key, expected, update));
    }

    @Override
    public CompletableFuture<Long> increment(String key, long delta) {
        return write(key, () -> this.store.increment(key, delta));
    }

    @Override
    public CompletableFuture<Void> publish(String channel, Object message) {
        return this.store.publish(channel, message);
    }

    private <T> CompletableFuture<T> write(String key, Supplier<CompletableFuture<T>> call) {
        this.cache.invalidate(Objects.requireNonNull(key, "key"));
        return afterward(call.get(), () -> this.cache.invalidate(key));
    }

    /** The call's outcome, unchanged (not wrapped), once {@code step} has run. */
    private static <T> CompletableFuture<T> afterward(CompletableFuture<T> call, Runnable step) {
        CompletableFuture<T> result = new CompletableFuture<>();
        call.whenComplete((value, failure) -> {
            step.run();
            if (failure != null) {
                result.completeExceptionally(failure);
            }
            else {
                result.complete(value);
            }
        });
        return result;
    }
}
