package io.sharedmemory.core.internal.store;

import java.time.Duration;
import java.util.Objects;

/** The one rule, for every role, that turns a caller's time to live into the milliseconds stored. */
public final class TimeToLive {

    private TimeToLive() {
    }

    /**
     * Checks a time to live and converts it; sub-millisecond ones round up, so a key never lives
     * forever by accident.
     * @param ttl the time to live
     * @return milliseconds, at least 1
     * @throws NullPointerException if {@code ttl} is {@code null}
     * @throws IllegalArgumentException if {@code ttl} is zero or negative
     */
    public static long millis(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        return Math.max(1, ttl.toMillis());
    }
}
