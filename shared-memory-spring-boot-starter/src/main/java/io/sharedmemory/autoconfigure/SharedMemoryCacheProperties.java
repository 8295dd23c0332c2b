package io.sharedmemory.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the Spring Cache {@code CacheManager} on the store, bound from
 * {@code shared-memory.cache.*} as part of {@link SharedMemoryProperties}. It needs
 * {@code @EnableCaching}; an application {@code CacheManager} bean takes precedence.
 */
public class SharedMemoryCacheProperties {

    /**
     * Whether to back Spring's caching (@Cacheable and the like) with the store, so that a value
     * cached in one process is a hit in every other. Needs @EnableCaching; an application
     * CacheManager bean takes precedence.
     */
    private boolean enabled;

    /**
     * How long an entry lives after it was written. By default entries never expire.
     */
    private Duration timeToLive;

    /**
     * The only caches that exist, as with spring.cache.cache-names; when empty, a cache is
     * created on first use under any name.
     */
    private List<String> cacheNames = new ArrayList<>();

    /**
     * Tells whether the store backs Spring's caching.
     * @return {@code true} when {@code shared-memory.cache.enabled=true}
     */
    public boolean isEnabled() {
        return this.enabled;
    }

    /**
     * Turns the store's cache manager on or off.
     * @param enabled whether to create it
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * How long an entry lives.
     * @return the time to live, or {@code null} for entries that never expire
     */
    public Duration getTimeToLive() {
        return this.timeToLive;
    }

    /**
     * Sets how long an entry lives.
     * @param timeToLive a positive duration, or {@code null} for none
     */
    public void setTimeToLive(Duration timeToLive) {
        this.timeToLive = timeToLive;
    }

    /**
     * The fixed cache names.
     * @return the names, empty to create caches on demand
     */
    public List<String> getCacheNames() {
        return this.cacheNames;
    }

    /**
     * Fixes the caches that exist.
     * @param cacheNames the names, empty to create caches on demand
     */
    public void setCacheNames(List<String> cacheNames) {
        this.cacheNames = cacheNames;
    }
}
