package io.sharedmemory.redis;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.sharedmemory.core.AsyncKeyValueStore;
import io.sharedmemory.core.store.TimeToLive;

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

    RedisAsyncStore(RedisKeyOperations keys, RedisNames names, RedisValues values, RedisCalls calls,
            Runnable ensureOpen) {
        this.keys = keys;
        this.names = names;
        this.values = values;
        this.calls = calls;
        this.ensureOpen = ensureOpen;
    }

    @Override
    public CompletableFuture<Void> set(String key, Object value) {
        this.ensureOpen.run();
        return this.keys.set(key, value, 0);
    }

    @Override
    public CompletableFuture<Void> set(String key, Object value, Duration ttl) {
        long millis = TimeToLive.millis(ttl);
        this.ensureOpen.run();
        return this.keys.set(key, value, millis);
    }

    @Override
    public CompletableFuture<Object> get(String key) {
        this.ensureOpen.run();
        return this.keys.get(key);
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        this.ensureOpen.run();
        return this.keys.delete(key);
    }

    @Override
    public CompletableFuture<Map<String, Object>> getAll() {
        this.ensureOpen.run();
        return this.keys.getAll();
    }

    @Override
    public CompletableFuture<Map<String, Object>> getAll(Collection<String> keys) {
        this.ensureOpen.run();
        return this.keys.getAll(keys);
    }

    @Override
    public CompletableFuture<Void> setAll(Map<String, ?> entries) {
        this.ensureOpen.run();
        return this.keys.setAll(entries);
    }

    @Override
    public CompletableFuture<Set<String>> keys(String globPattern) {
        this.ensureOpen.run();
        return this.keys.keys(globPattern);
    }

    @Override
    public CompletableFuture<Boolean> setIfAbsent(String key, Object value) {
        this.ensureOpen.run();
        return this.keys.setIfAbsent(key, value);
    }

    @Override
    public CompletableFuture<Boolean> compareAndSet(String key, Object expected, Object update) {
        this.ensureOpen.run();
        return this.keys.compareAndSet(key, expected, update);
    }

    @Override
    public CompletableFuture<Long> increment(String key, long delta) {
        this.ensureOpen.run();
        return this.keys.increment(key, delta);
    }

    @Override
    public CompletableFuture<Void> publish(String channel, Object message) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(message, "message");
        this.ensureOpen.run();
        byte[] payload = this.values.encodeMessage(message);
        byte[] name = this.names.name(channel);
        return this.calls.submit((commands) -> commands.publish(name, payload), this.calls.deadline())
            .thenApply((receivers) -> null);
    }
}
