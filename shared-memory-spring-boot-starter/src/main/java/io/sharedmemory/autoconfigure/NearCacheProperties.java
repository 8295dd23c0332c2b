package io.sharedmemory.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/**
 * The near cache of the child and redis roles, bound from {@code shared-memory.near-cache.*}:
 * values this process reads are kept in it, bounded, and dropped when their key changes in any
 * process. It always reads its own writes; another process's write is seen once its
 * invalidation arrives; a lost connection empties it. Role main ignores these properties (its
 * reads are in memory already), so one configuration serves main and its children.
 */
// Defaults are literals equal to the core's, so the metadata can record them.
public class NearCacheProperties {

    /**
     * Whether to keep values read in this process (child and redis roles).
     */
    private boolean enabled;

    /**
     * Glob patterns of the keys that may be cached ('*' any run of characters, '?' one).
     */
    private List<String> keys = new ArrayList<>(List.of("*"));

    /**
     * Most keys cached; the least recently and frequently used go first.
     */
    private int maxEntries = 10000;

    /**
     * Whether the near cache is on.
     * @return {@code true} if on
     */
    public boolean isEnabled() {
        return this.enabled;
    }

    /**
     * Turns the near cache on or off.
     * @param enabled {@code true} to cache
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * The globs of the keys that may be cached.
     * @return the globs
     */
    public List<String> getKeys() {
        return this.keys;
    }

    /**
     * Sets the globs of the keys that may be cached.
     * @param keys at least one glob
     */
    public void setKeys(List<String> keys) {
        this.keys = keys;
    }

    /**
     * The bound of the cache.
     * @return keys
     */
    public int getMaxEntries() {
        return this.maxEntries;
    }

    /**
     * Sets the bound of the cache.
     * @param maxEntries at least 1
     */
    public void setMaxEntries(int maxEntries) {
        this.maxEntries = maxEntries;
    }
}
