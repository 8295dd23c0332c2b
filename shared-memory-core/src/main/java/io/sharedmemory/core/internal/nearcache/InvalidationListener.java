package io.sharedmemory.core.internal.nearcache;

/**
 * Internal. What an {@link InvalidationSource} tells a near cache. Calls come one at a time and in
 * order; they must be quick. State machine: LOST (initially) --live()--> LIVE --lost()--> LOST;
 * {@link #invalidated} comes only while LIVE.
 */
public interface InvalidationListener {

    /** Tracking is registered (again): every change applied from now on will be told. */
    void live();

    /**
     * A tracked key changed (set, deleted or expired) in some process, this one included.
     * @param key the key
     */
    void invalidated(String key);

    /**
     * Changes may have gone untold (a connection lost, a gap in sequence numbers): every cached
     * value must go, and nothing may be cached again until {@link #live()}.
     */
    void lost();
}
