package io.sharedmemory.spring.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.sharedmemory.core.KeyValueStore;

import org.springframework.cache.Cache;
import org.springframework.cache.support.AbstractCacheManager;

/**
 * A Spring {@link org.springframework.cache.CacheManager} whose caches are views over a
 * {@link KeyValueStore} ({@link SharedMemoryCache}): in every role (main, child, redis) a value
 * cached by one process is a hit in every process that shares the store, and an eviction or a
 * clear in one process is seen by all. Caches hold no state of their own, so two managers on one
 * store (one per process) see the same entries.
 * <p>
 * With cache names given, only those caches exist (as with {@code spring.cache.cache-names});
 * without, a cache is created on first use under any name.
 *
 * <pre>{@code
 * @Bean
 * SharedMemoryCacheManager cacheManager(KeyValueStore store) {
 *     return new SharedMemoryCacheManager(store, Duration.ofMinutes(10), List.of("users"), true);
 * }
 * }</pre>
 */
public class SharedMemoryCacheManager extends AbstractCacheManager {

    private final KeyValueStore store;

    private final Duration timeToLive;

    private final Set<String> cacheNames;

    private final boolean allowNullValues;

    /**
     * A manager whose caches are created on demand, never expire and cache {@code null}.
     * @param store the store that holds the entries
     */
    public SharedMemoryCacheManager(KeyValueStore store) {
        this(store, null, List.of(), true);
    }

    /**
     * A manager.
     * @param store the store that holds the entries
     * @param timeToLive how long an entry lives after it was written, or {@code null} for ever
     * @param cacheNames the only caches that exist, or empty to create caches on demand
     * @param allowNullValues whether {@code null} values are cached (as a marker)
     * @throws IllegalArgumentException if the time to live is not positive or a name is blank
     */
    public SharedMemoryCacheManager(KeyValueStore store, Duration timeToLive, Collection<String> cacheNames,
            boolean allowNullValues) {
        this.store = Objects.requireNonNull(store, "store");
        if (timeToLive != null && (timeToLive.isNegative() || timeToLive.isZero())) {
            throw new IllegalArgumentException("The time to live must be positive, not " + timeToLive);
        }
        for (String name : cacheNames) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("A cache name must not be blank: " + cacheNames);
            }
        }
        this.timeToLive = timeToLive;
        this.cacheNames = Set.copyOf(cacheNames);
        this.allowNullValues = allowNullValues;
    }

    /**
     * The store that holds the entries.
     * @return the store
     */
    public KeyValueStore getStore() {
        return this.store;
    }

    /**
     * How long entries live.
     * @return the time to live, or {@code null} for entries that never expire
     */
    public Duration getTimeToLive() {
        return this.timeToLive;
    }

    /**
     * Tells whether caches are created on first use.
     * @return {@code true} when no cache names were given
     */
    public boolean isDynamic() {
        return this.cacheNames.isEmpty();
    }

    /**
     * Tells whether {@code null} values are cached.
     * @return whether nulls are cached
     */
    public boolean isAllowNullValues() {
        return this.allowNullValues;
    }

    @Override
    protected Collection<? extends Cache> loadCaches() {
        return this.cacheNames.stream().sorted().map(this::createCache).toList();
    }

    @Override
    protected Cache getMissingCache(String name) {
        return isDynamic() ? createCache(name) : null;
    }

    /**
     * Creates the cache of a name; override to decorate or tune caches.
     * @param name the cache's name
     * @return the cache
     */
    protected SharedMemoryCache createCache(String name) {
        return new SharedMemoryCache(name, this.store, this.timeToLive, this.allowNullValues);
    }
}
