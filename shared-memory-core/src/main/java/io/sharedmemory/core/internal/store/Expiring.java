package io.sharedmemory.core.internal.store;

import java.util.Comparator;

/**
 * A stored value with a deadline; values without one are kept in the map bare, so reading
 * them costs no clock call. Also the expiry index's element, ordered by deadline and then by
 * {@code seq}, a number unique to one time-to-live assignment: an increment keeps the
 * deadline and the seq, so the entry it replaces still stands for it in the index.
 */
final class Expiring {

    static final Comparator<Expiring> ORDER = Comparator.<Expiring>comparingLong(e -> e.deadline)
            .thenComparingLong(e -> e.seq);

    final String key;
    /** As {@link StoredValue#held()} gives it: a {@code byte[]} or a {@link StoredValue}. */
    final Object value;
    /** In the store's clock (nanoseconds since the store was created). */
    final long deadline;
    final long seq;

    Expiring(String key, Object value, long deadline, long seq) {
        this.key = key;
        this.value = value;
        this.deadline = deadline;
        this.seq = seq;
    }

    /** The same time to live for another value. */
    Expiring withValue(Object newValue) {
        return new Expiring(key, newValue, deadline, seq);
    }
}
