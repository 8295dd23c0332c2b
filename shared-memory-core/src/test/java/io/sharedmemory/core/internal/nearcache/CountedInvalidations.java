package io.sharedmemory.core.internal.nearcache;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;


/**
 * Stands between an invalidation source and the near cache and counts what the near cache was
 * told, after it was told (it is reused by the starter's redis role tests): per key, and the times tracking went live and was lost. A test waits
 * on these counts to know what the near cache has received.
 */
public final class CountedInvalidations implements InvalidationSource {

    private final InvalidationSource source;

    private final Map<String, AtomicLong> invalidations = new ConcurrentHashMap<>();

    /** Times tracking went live. */
    public final AtomicLong lives = new AtomicLong();

    /** Times tracking was lost. */
    public final AtomicLong losses = new AtomicLong();

    /** Invalidations of any key. */
    public final AtomicLong total = new AtomicLong();

    /**
     * Counts what a source tells.
     * @param source the real source
     */
    public CountedInvalidations(InvalidationSource source) {
        this.source = source;
    }

    /**
     * How many invalidations of a key the near cache was told.
     * @param key the key
     * @return the count
     */
    public long invalidations(String key) {
        AtomicLong count = this.invalidations.get(key);
        return (count != null) ? count.get() : 0;
    }

    @Override
    public AutoCloseable track(List<String> globs, InvalidationListener listener) {
        return this.source.track(globs, new InvalidationListener() {

            @Override
            public void live() {
                listener.live();
                CountedInvalidations.this.lives.incrementAndGet();
            }

            @Override
            public void invalidated(String key) {
                listener.invalidated(key);
                CountedInvalidations.this.invalidations.computeIfAbsent(key, (name) -> new AtomicLong()).incrementAndGet();
                CountedInvalidations.this.total.incrementAndGet();
            }

            @Override
            public void lost() {
                listener.lost();
                CountedInvalidations.this.losses.incrementAndGet();
            }
        });
    }
}
