package io.sharedmemory.core.internal.nearcache;

import java.util.List;

/**
 * Internal. Where a near cache learns that keys changed in any process: the child role through
 * main's pushes, the redis role through Redis. Not API.
 */
public interface InvalidationSource {

    /**
     * Starts tracking the keys that match any of the globs. The listener is told
     * {@link InvalidationListener#live()} once main (or Redis) has registered the tracking, and from
     * then on of every change applied after that moment, until {@link InvalidationListener#lost()}.
     * @param globs glob patterns of the keys to track, not empty
     * @param listener told of tracking state and changes; its calls come one at a time, in order
     * @return stops the tracking; closing never throws
     */
    AutoCloseable track(List<String> globs, InvalidationListener listener);
}
