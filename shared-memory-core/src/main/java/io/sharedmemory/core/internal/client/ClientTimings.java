package io.sharedmemory.core.internal.client;

/**
 * Every timing constant of a child's I/O path, in one place, each with why it has its value.
 * They only trade CPU for latency: none of them bounds how long a call may take (the request
 * timeout does), and correctness never depends on them (see {@link SharedReader}'s invariants).
 * The values were tuned with {@code benchmarks/run.sh} on 2-core machines.
 */
final class ClientTimings {

    /**
     * The longest a lone caller polls the socket for its own reply before it parks: a local
     * round trip (7–20 µs here) is usually shorter than waking a parked thread (40–60 µs on
     * these VMs), so polling saves the hand-off. Override with the system property
     * {@code shared-memory.client.spin-nanos} to measure other values.
     */
    static final long LONE_CALLER_SPIN_NANOS = Long.getLong("shared-memory.client.spin-nanos", 50_000L);

    /**
     * What a lone caller polls while in cool-down: a read or two. After a poll came up empty
     * (main is slow or busy), full polls would only burn a core that main needs.
     */
    static final long COOLDOWN_SPIN_NANOS = 2_000;

    /** How many lone calls a cool-down lasts before callers poll fully again. */
    static final int COOLDOWN_CALLS = 8;

    /**
     * How long the background reader keeps off the socket after a lone caller read it, so the
     * caller's next call can read its reply itself; a push that arrives meanwhile waits at most
     * this long (the caller that meets it hands it over at once). A caller in a loop calls again
     * within microseconds, so a fifth of a millisecond keeps the reader off for the whole loop;
     * longer (it was 2 ms) only delays messages and near-cache invalidations that arrive just
     * after a call: the child role's invalidation p50 was 2 ms for that reason alone.
     */
    static final long READER_GRACE_NANOS = 200_000;

    /**
     * How long a writer waits between tries while main's socket buffer is full; the write as a
     * whole is bounded by the call's deadline.
     */
    static final long WRITE_RETRY_NANOS = 50_000;

    private ClientTimings() {
    }
}
