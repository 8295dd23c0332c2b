package io.sharedmemory.spring.cache;

/**
 * Where one cache's entries and load locks live in the store: entry {@code cache:<name>:<key>}
 * and lock {@code cache-lock:<name>:<key>}, with the key as {@link CacheKeyText} writes it.
 * Characters of the name that would let one cache's glob reach another's keys ({@code :}, the
 * glob's {@code * ? [ ] \}) and {@code %} are written as {@code %XX}, so {@code cache:<name>:*}
 * matches this cache's entries only (a cache {@code a} never clears {@code a:b}'s). Locks are
 * outside that glob: clearing a cache does not free a load in progress.
 */
final class CacheNamespace {

    /** The first part of every entry's key. */
    static final String ENTRY_PREFIX = "cache:";

    /** The first part of every load lock's key. */
    static final String LOCK_PREFIX = "cache-lock:";

    private final String entries;

    private final String locks;

    /**
     * The namespace of a cache.
     * @param cacheName the cache's name
     */
    CacheNamespace(String cacheName) {
        String name = encodedName(cacheName);
        this.entries = ENTRY_PREFIX + name + ":";
        this.locks = LOCK_PREFIX + name + ":";
    }

    /**
     * The store key of an entry.
     * @param key the cache key
     * @return {@code cache:<name>:<key text>}
     * @throws IllegalArgumentException if the key has no stable text
     */
    String entryKey(Object key) {
        return this.entries + CacheKeyText.of(key);
    }

    /**
     * The store key of the lock that guards the load of an entry.
     * @param entryKey the entry's store key, as {@link #entryKey} made it
     * @return {@code cache-lock:<name>:<key text>}
     */
    String lockKey(String entryKey) {
        return this.locks + entryKey.substring(this.entries.length());
    }

    /**
     * The glob of every entry of this cache.
     * @return {@code cache:<name>:*}
     */
    String entryPattern() {
        return this.entries + "*";
    }

    static String encodedName(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ("%:*?[]\\".indexOf(c) >= 0) {
                out.append('%').append(String.format("%02X", (int) c));
            }
            else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
