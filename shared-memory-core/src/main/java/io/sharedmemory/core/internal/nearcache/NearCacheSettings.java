package io.sharedmemory.core.internal.nearcache;

import java.util.List;

import io.sharedmemory.core.InvalidSettingException;

/**
 * Internal. What a near cache may hold: keys that match one of {@code keys} (globs), at most
 * {@code maxEntries} of them.
 *
 * @param keys glob patterns of the keys that may be cached, not empty
 * @param maxEntries the bound of the cache, at least 1
 */
public record NearCacheSettings(List<String> keys, int maxEntries) {

    /** The default bound, as {@code shared-memory.near-cache.max-entries}. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    /**
     * Validates and copies the settings.
     * @throws InvalidSettingException if {@code keys} is empty or holds a blank pattern, or
     *         {@code maxEntries} is below 1
     */
    public NearCacheSettings {
        if (keys == null || keys.isEmpty() || keys.stream().anyMatch((glob) -> glob == null || glob.isEmpty())) {
            throw new InvalidSettingException("nearCacheKeys", keys, "must hold at least one non-empty glob pattern");
        }
        if (maxEntries < 1) {
            throw new InvalidSettingException("nearCacheMaxEntries", maxEntries, "must be at least 1");
        }
        keys = List.copyOf(keys);
    }
}
