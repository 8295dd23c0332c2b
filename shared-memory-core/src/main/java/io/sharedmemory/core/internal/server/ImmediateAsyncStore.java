package io.sharedmemory.core.internal.server;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.sharedmemory.core.AsyncKeyValueStore;
import io.sharedmemory.core.KeyValueStore;

/**
 * Main's asynchronous view: main decides in memory, so each call runs at once on the caller's
 * thread and returns a completed future (or one failed with what the call threw). Arguments are
 * checked as the blocking store checks them, so a {@code null} key still throws at once.
 */
final class ImmediateAsyncStore implements AsyncKeyValueStore {

    private final KeyValueStore store;

    ImmediateAsyncStore(KeyValueStore store) {
        this.store = store;
    }

    @Override
    public CompletableFuture<Void> set(String key, Object value) {
        return run(() -> this.store.set(key, value));
    }

    @Override
    public CompletableFuture<Void> set(String key, Object value, Duration ttl) {
        return run(() -> this.store.set(key, value, ttl));
    }

    @Override
    public CompletableFuture<Object> get(String key) {
        return supply(() -> this.store.get(key));
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        return supply(() -> this.store.delete(key));
    }

    @Override
    public CompletableFuture<Map<String, Object>> getAll() {
        return supply(this.store::getAll);
    }

    @Override
    public CompletableFuture<Map<String, Object>> getAll(Collection<String> keys) {
        return supply(() -> this.store.getAll(keys));
    }

    @Override
    public CompletableFuture<Void> setAll(Map<String, ?> entries) {
        return run(() -> this.store.setAll(entries));
    }

    @Override
    public CompletableFuture<Set<String>> keys(String globPattern) {
        return supply(() -> this.store.keys(globPattern));
    }

    @Override
    public CompletableFuture<Boolean> setIfAbsent(String key, Object value) {
        return supply(() -> this.store.setIfAbsent(key, value));
    }

    @Override
    public CompletableFuture<Boolean> compareAndSet(String key, Object expected, Object update) {
        return supply(() -> this.store.compareAndSet(key, expected, update));
    }

    @Override
    public CompletableFuture<Long> increment(String key, long delta) {
        return supply(() -> this.store.increment(key, delta));
    }

    @Override
    public CompletableFuture<Void> publish(String channel, Object message) {
        return run(() -> this.store.publish(channel, message));
    }

    private static CompletableFuture<Void> run(Runnable call) {
        return supply(() -> {
            call.run();
            return null;
        });
    }

    private static <T> CompletableFuture<T> supply(Supplier<T> call) {
        try {
            return CompletableFuture.completedFuture(call.get());
        }
        catch (NullPointerException | IllegalArgumentException ex) {
            // Bad arguments are the caller's mistake, reported at the call as by the other roles.
            throw ex;
        }
        catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }
}
