package io.sharedmemory.core.internal.nearcache;

import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.sharedmemory.core.StoreObserver;
import io.sharedmemory.core.internal.codec.ValueCodec;
import io.sharedmemory.core.internal.nearcache.CacheSlot.Cached;
import io.sharedmemory.core.internal.nearcache.CacheSlot.Pending;

/**
 * Internal. The values a process read, kept in a bounded Caffeine cache (W-TinyLFU eviction) and
 * dropped by the invalidations of an {@link InvalidationSource}.
 * <p>
 * State machine, driven by the source: NOT LIVE (initially) --live()--> LIVE(g) --lost()-->
 * NOT LIVE, where g counts the times tracking became live. Invariants:
 * <ul>
 * <li>nothing is cached while NOT LIVE, and {@link #lost()} empties the cache;</li>
 * <li>a reply is cached only through its own {@link Pending} slot, put there before the read
 * was sent, and only if the slot is still there and tracking is still LIVE in the generation the
 * read began in. An invalidation removes the slot, so a read that raced a write (in any process)
 * can never leave a value cached that is older than an invalidation already received;</li>
 * <li>when a reply cannot be cached, the key is dropped altogether: another read of this process
 * may have been sent earlier and answered with an older value, and must not be cached over the
 * newer one just returned (so one thread never reads a value older than one it read before).</li>
 * </ul>
 */
final class NearCache implements InvalidationListener {

    private static final long NOT_LIVE = -1;

    private final Cache<String, CacheSlot> slots;

    private final CacheableKeys keys;

    private final ValueCodec codec;

    private final StoreObserver observer;

    /** The LIVE generation, or {@link #NOT_LIVE}. */
    private volatile long generation = NOT_LIVE;

    /** Generations handed out; only {@link #live()} changes it, and its calls come one at a time. */
    private long generations;

    NearCache(NearCacheSettings settings, ValueCodec codec, StoreObserver observer) {
        // Maintenance runs on the calling thread: no pool thread of Caffeine's own.
        this.slots = Caffeine.newBuilder().maximumSize(settings.maxEntries()).executor(Runnable::run).build();
        this.keys = new CacheableKeys(settings.keys());
        this.codec = codec;
        this.observer = observer;
    }

    /**
     * Reads a key from the cache, or from the store (and caches the reply if the rules allow).
     * @param key the key, not {@code null}
     * @param store reads the key from the store
     * @return a copy of the value, or {@code null}
     */
    Object get(String key, Function<String, Object> store) {
        if (!this.keys.test(key)) {
            return store.apply(key);
        }
        if (this.slots.getIfPresent(key) instanceof Cached cached) {
            this.observer.nearCacheGet(true);
            return cached.read(this.codec);
        }
        this.observer.nearCacheGet(false);
        long live = this.generation;
        if (live == NOT_LIVE) {
            return store.apply(key);
        }
        Pending pending = new Pending(live);
        // Another read's pending slot is replaced: only one reply per key is cached at a time.
        if (this.slots.asMap().compute(key, (name, old) -> (old instanceof Cached) ? old : pending)
                instanceof Cached cached) {
            return cached.read(this.codec);
        }
        Object value;
        try {
            value = store.apply(key);
        }
        catch (RuntimeException ex) {
            this.slots.asMap().remove(key, pending);
            throw ex;
        }
        Cached fresh = Cached.of(value, this.codec);
        if (this.generation != live || !this.slots.asMap().replace(key, pending, fresh)) {
            this.slots.invalidate(key);
        }
        return value;
    }

    /**
     * Drops a key this process writes: called before the write is sent and after it is
     * answered, so the process reads its own write from the store.
     * @param key the key
     */
    void invalidate(String key) {
        if (this.keys.test(key)) {
            this.slots.invalidate(key);
        }
    }

    /** How many keys are cached or being read, for tests and diagnostics. */
    long size() {
        this.slots.cleanUp();
        return this.slots.estimatedSize();
    }

    boolean isLive() {
        return this.generation != NOT_LIVE;
    }

    @Override
    public void live() {
        this.generations++;
        this.generation = this.generations;
    }

    @Override
    public void invalidated(String key) {
        this.slots.invalidate(key);
    }

    @Override
    public void lost() {
        // State first, then the clearing: a read that checks the state after this cannot cache,
        // and one that checked before has its pending slot removed by the clearing.
        this.generation = NOT_LIVE;
        this.slots.invalidateAll();
    }
}
