package io.sharedmemory.redis;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.sharedmemory.core.AsyncKeyValueStore;
import io.sharedmemory.core.StoreObserver;
import io.sharedmemory.core.internal.ObservedCalls;
import io.sharedmemory.core.internal.store.TimeToLive;

/**
 * A Redis client's operations as futures; the blocking store waits for the same futures. Every
 * call first checks that the store is open, and its arguments, on the caller's thread.
 */
final class RedisAsyncStore implements AsyncKeyValueStore {

    private final RedisKeyOperations keys;

    private final RedisNames names;

    private final RedisValues values;

    private final RedisCalls calls;

    private final Runnable ensureOpen;

    private final ObservedCalls observed;

    private final StoreObserver observer;

    RedisAsyncStore(RedisKeyOperations keys, RedisNames names, RedisValues values, RedisCalls calls,
            Runnable ensureOpen, StoreObserver observer) {
        this.observer = observer;
        this.observed = new ObservedCalls(observer);
        this.keys = keys;
        this.names = names;
        this.values = values;
        this.calls = calls;
        this.ensureOpen = ensureOpen;
    }

    @Override
    public CompletableFuture<Void> set(String key, Object value) {
        return timed("set", () -> this.keys.set(key, value, 0));
    }

    @Override
    public CompletableFuture<Void> set(String key, Object value, Duration ttl) {
        long millis = TimeToLive.millis(ttl);
        return timed("set", () -> this.keys.set(key, value, millis));
    }

    @Override
    public CompletableFuture<Object> get(String key) {
        return timed("get", () -> this.keys.get(key));
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        return timed("delete", () -> this.keys.delete(key));
    }

    @Override
    public CompletableFuture<Map<String, Object>> getAll() {
        return timed("getAll", () -> this.keys.getAll());
    }

    @Override
    public CompletableFuture<Map<String, Object>> getAll(Collection<String> keys) {
        return timed("getMany", () -> this.keys.getAll(keys));
    }

    @Override
    public CompletableFuture<Void> setAll(Map<String, ?> entries) {
        return timed("setAll", () -> this.keys.setAll(entries));
    }

    @Override
    public CompletableFuture<Set<String>> keys(String globPattern) {
        return timed("keys", () -> this.keys.keys(globPattern));
    }

    @Override
    public CompletableFuture<Boolean> setIfAbsent(String key, Object value) {
        return timed("setIfAbsent", () -> this.keys.setIfAbsent(key, value));
    }

    @Override
    public CompletableFuture<Boolean> compareAndSet(String key, Object expected, Object update) {
        return timed("compareAndSet", () -> this.keys.compareAndSet(key, expected, update));
    }

    @Override
    public CompletableFuture<Long> increment(String key, long delta) {
        return timed("increment", () -> this.keys.increment(key, delta));
    }

    @Override
    public CompletableFuture<Void> publish(String channel, Object message) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(message, "message");
        byte[] payload = this.values.encodeMessage(message);
        byte[] name = this.names.name(channel);
        return timed("publish", () -> this.calls.submit((commands) -> commands.publish(name, payload),
                this.calls.deadline()).thenApply((receivers) -> {
                    this.observer.messagePublished();
                    return null;
                }));
    }

    /** Checks the store is open, issues the call, and tells the observer how it went. */
    private <T> CompletableFuture<T> timed(String operation, Supplier<CompletableFuture<T>> call) {
        return this.observed.callAsync(operation, () -> {
            this.ensureOpen.run();
            return call.get();
        });
    }
}
