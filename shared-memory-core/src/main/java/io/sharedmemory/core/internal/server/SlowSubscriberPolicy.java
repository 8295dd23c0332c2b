package io.sharedmemory.core.internal.server;

import java.time.Duration;
import java.util.function.LongSupplier;

import io.sharedmemory.core.SubscriberLimits;

/**
 * Decides when main cuts off a child that falls behind on the messages pushed to it, telling a
 * burst from a stall as Redis's {@code client-output-buffer-limit pubsub} does. It keeps the
 * child's backlog (the messages queued or being written, and the bytes they hold) and is in one
 * of three states:
 * <pre>
 *   UNDER ──over a soft limit──▶ OVER_SOFT(since) ──still over when softWindow has passed──▶ CUT
 *     ▲                              │
 *     └──back under both soft limits─┘
 *   UNDER or OVER_SOFT ──over the hard limit──▶ CUT
 * </pre>
 * The soft limits are {@code softBytes} and {@code softMessages} ({@code max-pending-messages});
 * the hard limit is {@code hardBytes}. Invariants, true after every call:
 * <ol>
 * <li>{@code bytes >= 0}, {@code messages >= 0}, and {@code bytes == 0} exactly when
 * {@code messages == 0} (each message costs at least {@link #ENTRY_OVERHEAD_BYTES}).</li>
 * <li>UNDER: {@code bytes <= softBytes} and {@code messages <= softMessages}.</li>
 * <li>OVER_SOFT(since): {@code bytes <= hardBytes}, a soft limit is exceeded, it was exceeded
 * at every call since {@code since}, and less than {@code softWindow} had passed since then at
 * the last call.</li>
 * <li>CUT is final. The one call that enters it returns {@code true}; every other returns
 * {@code false}.</li>
 * <li>So a child is cut only past the hard limit, or after staying over a soft limit for
 * {@code softWindow} without a break.</li>
 * </ol>
 * The backlog changes only through {@link #added} and {@link #removed}, and both look at it, so
 * "without a break" is exact; {@link #check} looks at the passing of time alone. Time comes
 * from the given clock (nanoseconds, as {@link System#nanoTime()}), so tests move it by hand.
 * Thread-safe: publishers add, the pusher removes, a timer checks.
 */
final class SlowSubscriberPolicy {

    /**
     * What one queued message costs besides its frame: the queue node (24 bytes), the array
     * header (16) and the buffer the pusher wraps it in while writing, rounded up. Without it,
     * a flood of tiny messages would hold far more memory than the byte limits say.
     */
    static final int ENTRY_OVERHEAD_BYTES = 64;

    /** The states of a child's backlog. */
    enum State {
        /** Within both soft limits. */
        UNDER,
        /** Over a soft limit since {@link SlowSubscriberPolicy#overSince()}. */
        OVER_SOFT,
        /** Past the hard limit, or over a soft limit for the whole window: to be disconnected. */
        CUT
    }

    private final long hardBytes;

    private final long softBytes;

    private final int softMessages;

    private final long softWindowNanos;

    private final LongSupplier nanoClock;

    private State state = State.UNDER;

    private long overSince;

    private long bytes;

    private int messages;

    private long peakBytes;

    private int peakMessages;

    private String cutReason;

    SlowSubscriberPolicy(SubscriberLimits limits, int softMessages, LongSupplier nanoClock) {
        this.hardBytes = limits.hardBytes();
        this.softBytes = limits.softBytes();
        this.softMessages = softMessages;
        this.softWindowNanos = saturatedNanos(limits.softDuration());
        this.nanoClock = nanoClock;
    }

    /**
     * One message joined the backlog.
     * @param frameBytes the length of its frame
     * @return {@code true} if this call cut the child off
     */
    synchronized boolean added(int frameBytes) {
        this.bytes += frameBytes + ENTRY_OVERHEAD_BYTES;
        this.messages++;
        this.peakBytes = Math.max(this.peakBytes, this.bytes);
        this.peakMessages = Math.max(this.peakMessages, this.messages);
        return observe();
    }

    /**
     * Messages left the backlog: they were written to the socket.
     * @param frameBytes the lengths of their frames, summed
     * @param count how many
     * @return {@code true} if this call cut the child off (it is still over a soft limit, and has been for the window)
     */
    synchronized boolean removed(long frameBytes, int count) {
        this.bytes -= frameBytes + (long) count * ENTRY_OVERHEAD_BYTES;
        this.messages -= count;
        return observe();
    }

    /**
     * Looks at the time alone, for a child that nothing is added to or removed from.
     * @return {@code true} if this call cut the child off
     */
    synchronized boolean check() {
        return observe();
    }

    private boolean observe() {
        if (this.state == State.CUT) {
            return false;
        }
        if (this.bytes > this.hardBytes) {
            return cut("its backlog of " + backlog() + " passed the hard limit of " + this.hardBytes
                    + " bytes (shared-memory.subscriber-limits.hard)");
        }
        boolean overBytes = this.bytes > this.softBytes;
        boolean overMessages = this.messages > this.softMessages;
        if (!overBytes && !overMessages) {
            this.state = State.UNDER;
            return false;
        }
        // Read only when over: the usual message, well under the limits, costs no clock read.
        long now = this.nanoClock.getAsLong();
        if (this.state == State.UNDER) {
            this.state = State.OVER_SOFT;
            this.overSince = now;
        }
        if (now - this.overSince < this.softWindowNanos) {
            return false;
        }
        String bytesLimit = this.softBytes + " bytes (shared-memory.subscriber-limits.soft)";
        String messagesLimit = this.softMessages + " messages (shared-memory.max-pending-messages)";
        String limit = !overMessages ? bytesLimit : !overBytes ? messagesLimit : bytesLimit + " and " + messagesLimit;
        return cut("its backlog stayed over the soft limit of " + limit + " for "
                + Duration.ofNanos(now - this.overSince).toMillis() + " ms, past the "
                + Duration.ofNanos(this.softWindowNanos).toMillis()
                + " ms of shared-memory.subscriber-limits.soft-duration; it is " + backlog());
    }

    private boolean cut(String reason) {
        this.state = State.CUT;
        this.cutReason = reason;
        return true;
    }

    private String backlog() {
        return this.bytes + " bytes in " + this.messages + " messages";
    }

    synchronized State state() {
        return this.state;
    }

    /** When the backlog went over a soft limit; meaningful in {@link State#OVER_SOFT} only. */
    synchronized long overSince() {
        return this.overSince;
    }

    /** Bytes held now, frames and {@link #ENTRY_OVERHEAD_BYTES} each. */
    synchronized long bytes() {
        return this.bytes;
    }

    synchronized int messages() {
        return this.messages;
    }

    /** The largest backlog in bytes seen so far. */
    synchronized long peakBytes() {
        return this.peakBytes;
    }

    /** The longest backlog in messages seen so far. */
    synchronized int peakMessages() {
        return this.peakMessages;
    }

    /** Which limit the child passed and by how much, for the log; {@code null} unless {@link State#CUT}. */
    synchronized String cutReason() {
        return this.cutReason;
    }

    /** A window too long for a long of nanoseconds (about 292 years) is as good as forever. */
    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        }
        catch (ArithmeticException ex) {
            return Long.MAX_VALUE;
        }
    }
}
