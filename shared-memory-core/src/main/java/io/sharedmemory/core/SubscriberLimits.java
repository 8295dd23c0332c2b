package io.sharedmemory.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How far main lets one child fall behind on the messages it pushes to it, in the manner of
 * Redis's {@code client-output-buffer-limit pubsub}: a child is cut off (and reconnects) when
 * its backlog passes {@code hardBytes}, or when it stays over a soft limit, {@code softBytes}
 * or {@link SharedMemorySettings#maxPendingMessages() maxPendingMessages} messages, for
 * {@code softDuration} without a break. A burst passes; a stall does not. The values are
 * checked by {@link SharedMemorySettings}, against its frame limit too.
 *
 * @param hardBytes the backlog, in bytes, that cuts a child at once
 * @param softBytes the backlog, in bytes, that a child may exceed for less than {@code softDuration}
 * @param softDuration how long a child may stay over a soft limit; zero cuts it at once
 */
public record SubscriberLimits(long hardBytes, long softBytes, Duration softDuration) {

    /** The default hard limit, as Redis's for pub/sub clients: 32 MiB. */
    public static final long DEFAULT_HARD_BYTES = 32L * 1024 * 1024;

    /** The default soft limit, as Redis's for pub/sub clients: 8 MiB. */
    public static final long DEFAULT_SOFT_BYTES = 8L * 1024 * 1024;

    /**
     * The default soft window: 10 s. Redis allows 60 s for clients across a network; a child on
     * the same machine drains a soft backlog in milliseconds when it runs at all, so only a
     * pause keeps it over for long, and 10 s outlasts the garbage-collection and scheduling
     * pauses of a loaded machine while a stalled child is told (cut) within seconds.
     */
    public static final Duration DEFAULT_SOFT_DURATION = Duration.ofSeconds(10);

    /**
     * Creates limits; their ranges are checked by {@link SharedMemorySettings}.
     * @throws NullPointerException if {@code softDuration} is {@code null}
     */
    public SubscriberLimits {
        Objects.requireNonNull(softDuration, "softDuration");
    }
}
