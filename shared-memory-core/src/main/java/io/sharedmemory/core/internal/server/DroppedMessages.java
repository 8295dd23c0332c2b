package io.sharedmemory.core.internal.server;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the messages that main's own listeners lose, and says so in the log. Main's listeners
 * share one backlog of {@code max-pending-messages}; past it a message is dropped for them,
 * because waiting would stall the publisher (possibly a child whose requests main's reader is
 * serving). The first drop is logged at once, later ones at most once per
 * {@link #REPORT_INTERVAL} with the total, so a listener that stays behind cannot flood the
 * log; {@link #flush()} reports what the last line did not. Thread-safe.
 */
final class DroppedMessages {

    private static final Logger logger = LoggerFactory.getLogger(DroppedMessages.class);

    /** Often enough to see a listener that keeps losing messages, rare enough to stay readable. */
    static final Duration REPORT_INTERVAL = Duration.ofSeconds(10);

    private final int maxPending;

    private final LongSupplier nanoClock;

    private long total;

    private long unreported;

    private long lastReport;

    private boolean reportedAny;

    DroppedMessages(int maxPending, LongSupplier nanoClock) {
        this.maxPending = maxPending;
        this.nanoClock = nanoClock;
    }

    /**
     * One message could not be queued for a listener of main.
     * @param subscription names the subscription, such as {@code channel news}
     */
    synchronized void dropped(String subscription) {
        this.total++;
        this.unreported++;
        long now = this.nanoClock.getAsLong();
        if (!this.reportedAny || now - this.lastReport >= REPORT_INTERVAL.toNanos()) {
            logger.warn("Dropped {} message(s) for main's listeners, the last for {}, as they were {} messages "
                    + "behind (shared-memory.max-pending-messages); {} dropped in all, reported at most every {} s",
                    this.unreported, subscription, this.maxPending, this.total, REPORT_INTERVAL.toSeconds());
            this.unreported = 0;
            this.lastReport = now;
            this.reportedAny = true;
        }
    }

    /** Logs the drops that no line has reported yet, e.g. when a subscription or the store closes. */
    synchronized void flush() {
        if (this.unreported > 0) {
            logger.warn("Dropped {} more message(s) for main's listeners (shared-memory.max-pending-messages); "
                    + "{} dropped in all", this.unreported, this.total);
            this.unreported = 0;
        }
    }

    /** How many messages main's listeners have lost since the store started. */
    synchronized long total() {
        return this.total;
    }
}
