package io.sharedmemory.core.internal.nearcache;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.sharedmemory.core.AsyncKeyValueStore;
import io.sharedmemory.core.KeyEvent;
import io.sharedmemory.core.Role;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.StoreObserver;
import io.sharedmemory.core.Subscription;
import io.sharedmemory.core.internal.codec.ValueCodec;

/**
 * Internal. A child or redis store whose {@code get} of the keys the settings name is answered
 * from a local cache (see {@link NearCache} for the rules that keep it from going stale).
 * <p>
 * What a near-cached {@code get} can return: the value the store held when the read was sent
 * or later; once an invalidation of the key (a change in any process, or an expiry) has arrived,
 * never a value older than that change. This process reads its own writes: every write
 * invalidates its keys here before it is sent and again once answered, and a write's value is
 * never cached from the write itself (its own invalidation, which comes later, would have to win
 * over writes of other processes that landed meanwhile). Only {@code get} uses the cache:
 * {@code getAll}, {@code keys} and the atomic operations ({@code increment},
 * {@code compareAndSet}, {@code setIfAbsent}) always go to the store. The {@link #async()} view
 * reads from the store too, and its writes invalidate like the blocking ones.
 */
public final class NearCachedStore implements SharedMemoryStore {

    private final SharedMemoryStore store;

    private final InvalidationSource invalidations;

    private final NearCacheSettings settings;

    private final NearCache cache;

    private final AsyncKeyValueStore async;

    private AutoCloseable tracking;

    private boolean closed;

    /**
     * Puts a near cache in front of a store; {@link #start()} starts the store, then the tracking.
     * @param store the child or redis store
     * @param invalidations tells of the keys that change, in every process
     * @param settings which keys may be cached, and how many
     * @param codec copies the values that are not immutable
     * @param observer learns of hits and misses
     */
    public NearCachedStore(SharedMemoryStore store, InvalidationSource invalidations, NearCacheSettings settings,
            ValueCodec codec, StoreObserver observer) {
        this.store = Objects.requireNonNull(store, "store");
        this.invalidations = Objects.requireNonNull(invalidations, "invalidations");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.cache = new NearCache(settings, Objects.requireNonNull(codec, "codec"),
                Objects.requireNonNull(observer, "observer"));
        this.async = new NearCachedAsyncStore(store.async(), this.cache);
    }

    /**
     * Puts a near cache in front of a store that is its own invalidation source (the child store).
     * @param store the store, which must also be an {@link InvalidationSource}
     * @param settings which keys may be cached, and how many
     * @param codec copies the values that are not immutable
     * @param observer learns of hits and misses
     * @return the near-cached store, not started
     * @throws IllegalStateException if the store tells of no invalidations
     */
    public static NearCachedStore over(SharedMemoryStore store, NearCacheSettings settings, ValueCodec codec,
            StoreObserver observer) {
        if (!(store instanceof InvalidationSource source)) {
            throw new IllegalStateException("The near cache needs invalidations from the store, and "
                    + store.getClass().getSimpleName() + " (role " + store.role() + ") sends none");
        }
        return new NearCachedStore(store, source, settings, codec, observer);
    }

    /**
     * The store behind the cache.
     * @return the wrapped store
     */
    public SharedMemoryStore store() {
        return this.store;
    }

    /**
     * How many keys the cache holds now (values and reads in flight), for tests and diagnostics.
     * @return an estimate, exact when no call is in flight
     */
    public long cachedKeys() {
        return this.cache.size();
    }

    @Override
    public synchronized void start() {
        this.store.start();
        if (this.tracking == null && !this.closed) {
            this.tracking = this.invalidations.track(this.settings.keys(), this.cache);
        }
    }

    @Override
    public boolean isRunning() {
        return this.store.isRunning();
    }

    @Override
    public boolean isAvailable() {
        return this.store.isAvailable();
    }

    @Override
    public String endpoint() {
        return this.store.endpoint();
    }

    @Override
    public void set(String key, Object value) {
        write(key, () -> {
            this.store.set(key, value);
            return null;
        });
    }

    @Override
    public void set(String key, Object value, Duration ttl) {
        write(key, () -> {
            this.store.set(key, value, ttl);
            return null;
        });
    }

    @Override
    public Object get(String key) {
        Objects.requireNonNull(key, "key");
        return this.cache.get(key, this.store::get);
    }

    @Override
    public boolean delete(String key) {
        return write(key, () -> this.store.delete(key));
    }

    @Override
    public Map<String, Object> getAll() {
        return this.store.getAll();
    }

    @Override
    public Map<String, Object> getAll(Collection<String> keys) {
        return this.store.getAll(keys);
    }

    @Override
    public void setAll(Map<String, ?> entries) {
        Objects.requireNonNull(entries, "entries");
        entries.keySet().forEach(this::invalidateChecked);
        try {
            this.store.setAll(entries);
        }
        finally {
            entries.keySet().forEach(this.cache::invalidate);
        }
    }

    @Override
    public AsyncKeyValueStore async() {
        return this.async;
    }

    @Override
    public Set<String> keys(String globPattern) {
        return this.store.keys(globPattern);
    }

    @Override
    public boolean setIfAbsent(String key, Object value) {
        return write(key, () -> this.store.setIfAbsent(key, value));
    }

    @Override
    public boolean compareAndSet(String key, Object expected, Object update) {
        return write(key, () -> this.store.compareAndSet(key, expected, update));
    }

    @Override
    public long increment(String key, long delta) {
        return write(key, () -> this.store.increment(key, delta));
    }

    @Override
    public void publish(String channel, Object message) {
        this.store.publish(channel, message);
    }

    @Override
    public Subscription subscribe(String channel, Consumer<Object> listener) {
        return this.store.subscribe(channel, listener);
    }

    @Override
    public Subscription subscribePattern(String globPattern, BiConsumer<String, Object> listener) {
        return this.store.subscribePattern(globPattern, listener);
    }

    @Override
    public Subscription watch(String keyPattern, Consumer<KeyEvent> listener) {
        return this.store.watch(keyPattern, listener);
    }

    @Override
    public Role role() {
        return this.store.role();
    }

    /** Stops the tracking, empties the cache, then closes the store. Never throws. */
    @Override
    public void close() {
        AutoCloseable current;
        synchronized (this) {
            if (this.closed) {
                return;
            }
            this.closed = true;
            current = this.tracking;
        }
        try {
            if (current != null) {
                current.close();
            }
        }
        catch (Exception ex) {
            // Closing the tracking never throws by contract; nothing more to do if it did.
        }
        finally {
            this.cache.lost();
            this.store.close();
        }
    }

    private <T> T write(String key, Supplier<T> call) {
        invalidateChecked(key);
        try {
            return call.get();
        }
        finally {
            this.cache.invalidate(key);
        }
    }

    private void invalidateChecked(String key) {
        this.cache.invalidate(Objects.requireNonNull(key, "key"));
    }
}
