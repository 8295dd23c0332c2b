package io.sharedmemory.autoconfigure;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/**
 * When the main process cuts off a child that falls behind on the messages pushed to it, bound
 * from {@code shared-memory.subscriber-limits.*}: in the manner of Redis's
 * {@code client-output-buffer-limit pubsub}, a burst passes and a stall does not. The soft limits
 * are {@code soft} (bytes) and {@code shared-memory.max-pending-messages} (messages).
 */
// Defaults are literals equal to the core's SubscriberLimits, so the metadata can record them.
public class SubscriberLimitsProperties {

    /**
     * Backlog of unsent messages for one child that makes the main process disconnect it at
     * once. At least max-frame-size. A bare number means bytes.
     */
    private DataSize hard = DataSize.ofMegabytes(32);

    /**
     * Backlog of unsent messages for one child that it may exceed for less than soft-duration;
     * over it (or over max-pending-messages messages) for longer, it is disconnected. At most
     * hard. A bare number means bytes.
     */
    private DataSize soft = DataSize.ofMegabytes(8);

    /**
     * How long a child may stay over a soft limit without a break before it is disconnected;
     * 0 disconnects it at the first message past one. A bare number means milliseconds.
     */
    private Duration softDuration = Duration.ofSeconds(10);

    /**
     * The hard limit.
     * @return bytes
     */
    public DataSize getHard() {
        return this.hard;
    }

    /**
     * Sets the hard limit.
     * @param hard bytes, at least {@code max-frame-size}
     */
    public void setHard(DataSize hard) {
        this.hard = hard;
    }

    /**
     * The soft limit in bytes.
     * @return bytes
     */
    public DataSize getSoft() {
        return this.soft;
    }

    /**
     * Sets the soft limit in bytes.
     * @param soft bytes, from 1 to the hard limit
     */
    public void setSoft(DataSize soft) {
        this.soft = soft;
    }

    /**
     * How long a child may stay over a soft limit.
     * @return the soft window
     */
    public Duration getSoftDuration() {
        return this.softDuration;
    }

    /**
     * Sets how long a child may stay over a soft limit.
     * @param softDuration zero or more
     */
    public void setSoftDuration(Duration softDuration) {
        this.softDuration = softDuration;
    }
}
