package io.sharedmemory.spring.cache;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.sharedmemory.core.KeyValueStore;

import org.springframework.cache.support.AbstractValueAdaptingCache;
import org.springframework.cache.support.NullValue;

/**
 * A Spring {@link org.springframework.cache.Cache} that is a view over a {@link KeyValueStore}:
 * every entry is a key of the store ({@code cache:<name>:<key>}, see {@link CacheNamespace} and
 * {@link CacheKeyText}), so a value cached by one process is a hit in every process that shares
 * the store, and an eviction in one is an eviction in all. Values are stored as they are, so they
 * must be values the store can carry (records of a trusted package, collections, ...); a cached
 * {@code null} is stored as a marker string the codec carries like any other.
 * <p>
 * {@link #get(Object, Callable)} ({@code sync = true}) computes a missing value once across
 * processes ({@link SharedLoad}). With a time to live, each write sets it; {@code putIfAbsent}
 * then takes two calls (the store has no {@code setIfAbsent} with a time to live), so a process
 * killed between them leaves that entry without expiry until it is evicted or overwritten.
 */
public class SharedMemoryCache extends AbstractValueAdaptingCache {

    /** How a cached {@code null} is stored: a string no application caches by chance. */
    static final String NULL_MARKER = "\u0000shared-memory:cache:null\u0000";

    /** {@code putIfAbsent} retries when the entry it lost to vanishes before it could read it. */
    private static final int PUT_IF_ABSENT_ATTEMPTS = 3;

    private final String name;

    private final KeyValueStore store;

    private final Duration timeToLive;

    private final CacheNamespace namespace;

    private final SharedLoad loads;

    /**
     * Creates a cache; the store may start later, before the cache is first used.
     * @param name the cache's name
     * @param store the store that holds the entries
     * @param timeToLive how long an entry lives after it was written, or {@code null} for ever
     * @param allowNullValues whether {@code null} values are cached
     */
    public SharedMemoryCache(String name, KeyValueStore store, Duration timeToLive, boolean allowNullValues) {
        this(name, store, timeToLive, allowNullValues, new SharedLoad(store));
    }

    SharedMemoryCache(String name, KeyValueStore store, Duration timeToLive, boolean allowNullValues,
            SharedLoad loads) {
        super(allowNullValues);
        if (timeToLive != null && (timeToLive.isNegative() || timeToLive.isZero())) {
            throw new IllegalArgumentException("The time to live of cache '" + name + "' must be positive, not "
                    + timeToLive);
        }
        this.name = name;
        this.store = store;
        this.timeToLive = timeToLive;
        this.namespace = new CacheNamespace(name);
        this.loads = loads;
    }

    @Override
    public String getName() {
        return this.name;
    }

    /**
     * The store that holds this cache's entries.
     * @return the store
     */
    @Override
    public KeyValueStore getNativeCache() {
        return this.store;
    }

    /**
     * How long an entry lives after it was written.
     * @return the time to live, or {@code null} for entries that never expire
     */
    public Duration getTimeToLive() {
        return this.timeToLive;
    }

    @Override
    protected Object lookup(Object key) {
        return fromStored(this.store.get(this.namespace.entryKey(key)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Callable<T> valueLoader) {
        return (T) load(key, () -> {
            try {
                return valueLoader.call();
            }
            catch (Exception ex) {
                throw new ValueRetrievalException(key, valueLoader, ex);
            }
        });
    }

    @Override
    public CompletableFuture<?> retrieve(Object key) {
        return this.store.async().get(this.namespace.entryKey(key)).thenApply((stored) -> {
            Object value = fromStored(stored);
            if (value == null) {
                return null;
            }
            // A cached null must be told from a miss, so it travels in a wrapper.
            return isAllowNullValues() ? toValueWrapper(value) : fromStoreValue(value);
        });
    }

    /**
     * Loads like {@link #get(Object, Callable)}, once across processes, on a thread of the common
     * pool (as Spring's {@code ConcurrentMapCache} does), since waiting for another process's load
     * blocks.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
        return CompletableFuture.supplyAsync(() -> (T) load(key, () -> valueLoader.get().join()));
    }

    @Override
    public void put(Object key, Object value) {
        write(this.namespace.entryKey(key), toStored(toStoreValue(value)));
    }

    @Override
    public ValueWrapper putIfAbsent(Object key, Object value) {
        String entryKey = this.namespace.entryKey(key);
        Object stored = toStored(toStoreValue(value));
        for (int attempt = 0; attempt < PUT_IF_ABSENT_ATTEMPTS; attempt++) {
            if (this.store.setIfAbsent(entryKey, stored)) {
                if (this.timeToLive != null) {
                    this.store.set(entryKey, stored, this.timeToLive);
                }
                return null;
            }
            Object existing = fromStored(this.store.get(entryKey));
            if (existing != null) {
                return toValueWrapper(existing);
            }
        }
        // The entry keeps appearing and vanishing: a plain write ends the race with our value.
        write(entryKey, stored);
        return null;
    }

    @Override
    public void evict(Object key) {
        this.store.delete(this.namespace.entryKey(key));
    }

    @Override
    public boolean evictIfPresent(Object key) {
        return this.store.delete(this.namespace.entryKey(key));
    }

    @Override
    public void clear() {
        invalidate();
    }

    /**
     * Deletes every entry of this cache, in every process: what this call's listing of
     * {@code cache:<name>:*} found is gone when it returns.
     */
    @Override
    public boolean invalidate() {
        Set<String> keys = this.store.keys(this.namespace.entryPattern());
        boolean removed = false;
        for (String key : keys) {
            removed |= this.store.delete(key);
        }
        return removed || !keys.isEmpty();
    }

    @Override
    protected Object fromStoreValue(Object storeValue) {
        // A null another process cached is a null here too, even if this cache does not cache nulls.
        return (storeValue == NullValue.INSTANCE) ? null : super.fromStoreValue(storeValue);
    }

    private Object load(Object key, Supplier<Object> loader) {
        String entryKey = this.namespace.entryKey(key);
        Object cached = fromStored(this.store.get(entryKey));
        if (cached != null) {
            return fromStoreValue(cached);
        }
        try {
            Object stored = this.loads.load(entryKey, this.namespace.lockKey(entryKey), () -> {
                Object value = toStored(toStoreValue(loader.get()));
                write(entryKey, value);
                return value;
            });
            return fromStoreValue(fromStored(stored));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while another process loads " + entryKey, ex);
        }
    }

    private void write(String entryKey, Object stored) {
        if (this.timeToLive != null) {
            this.store.set(entryKey, stored, this.timeToLive);
        }
        else {
            this.store.set(entryKey, stored);
        }
    }

    private static Object toStored(Object storeValue) {
        return (storeValue == NullValue.INSTANCE) ? NULL_MARKER : storeValue;
    }

    private static Object fromStored(Object stored) {
        return NULL_MARKER.equals(stored) ? NullValue.INSTANCE : stored;
    }
}
