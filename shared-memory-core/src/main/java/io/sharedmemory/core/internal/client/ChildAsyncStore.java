package io.sharedmemory.core.internal.client;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.sharedmemory.core.AsyncKeyValueStore;

/**
 * A child's asynchronous view: each call is written to main at once and its future completed
 * by whoever reads the reply, so one thread can keep many requests in flight on the one
 * connection (they share system calls: writes are combined, replies read in bursts).
 */
final class ChildAsyncStore implements AsyncKeyValueStore {

    private final ChildKeyValueStore store;

    ChildAsyncStore(ChildKeyValueStore store) {
        this.store = store;
    }

    private ChildCommands commands() {
        return this.store.commands();
    }

    @Override
    public CompletableFuture<Void> set(String key, Object value) {
        return this.store.submit(commands().set(key, value, 0));
    }

    @Override
    public CompletableFuture<Void> set(String key, Object value, Duration ttl) {
        return this.store.submit(commands().set(key, value, ttl));
    }

    @Override
    public CompletableFuture<Object> get(String key) {
        return this.store.submit(commands().get(key));
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        return this.store.submit(commands().delete(key));
    }

    @Override
    public CompletableFuture<Map<String, Object>> getAll() {
        return this.store.submit(commands().getAll());
    }

    @Override
    public CompletableFuture<Map<String, Object>> getAll(Collection<String> keys) {
        return this.store.submit(commands().getAll(keys));
    }

    @Override
    public CompletableFuture<Void> setAll(Map<String, ?> entries) {
        return this.store.submit(commands().setAll(entries));
    }

    @Override
    public CompletableFuture<Set<String>> keys(String globPattern) {
        return this.store.submit(commands().keys(globPattern));
    }

    @Override
    public CompletableFuture<Boolean> setIfAbsent(String key, Object value) {
        return this.store.submit(commands().setIfAbsent(key, value));
    }

    @Override
    public CompletableFuture<Boolean> compareAndSet(String key, Object expected, Object update) {
        return this.store.submit(commands().compareAndSet(key, expected, update));
    }

    @Override
    public CompletableFuture<Long> increment(String key, long delta) {
        return this.store.submit(commands().increment(key, delta));
    }

    @Override
    public CompletableFuture<Void> publish(String channel, Object message) {
        return this.store.submit(commands().publish(channel, message));
    }
}
