package io.sharedmemory.bench.pubsub;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.SynchronizedHistogram;

import io.sharedmemory.bench.load.Phase;
import io.sharedmemory.bench.load.PhaseResult;

/**
 * One subscriber process: counts the messages published in the measured window and records
 * how long each took from publish to receipt.
 */
public final class PubSubSubscriber {

    /** How long after the window a late message still counts. */
    private static final long DRAIN_NANOS = 1_000_000_000L;

    private final PubSubClient client;
    private final SynchronizedHistogram latencies = new SynchronizedHistogram(PhaseResult.MAX_NANOS, 3);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong all = new AtomicLong();
    private volatile long lastReceipt;
    private volatile Phase window;

    /**
     * @param client the connected client
     */
    public PubSubSubscriber(PubSubClient client) {
        this.client = client;
    }

    /** Subscribes; messages before {@link #collect(Phase)} is called are ignored. */
    public void subscribe() {
        this.client.subscribe(this::onMessage);
    }

    private void onMessage(String message) {
        long now = System.nanoTime();
        this.lastReceipt = now;
        this.all.incrementAndGet();
        Phase current = this.window;
        long stamp = PubSubMessages.stamp(message);
        if (current != null && stamp >= current.measureStart() && stamp < current.measureEnd()) {
            this.latencies.recordValue(Math.min(now - stamp, PhaseResult.MAX_NANOS));
            this.received.incrementAndGet();
        }
    }

    /**
     * Waits out the window and the messages still in flight.
     * @param window the publisher's window
     * @return messages received that were published in the measured window, and their latencies
     */
    public PhaseResult collect(Phase window) {
        this.window = window;
        // parkNanos may return early (a stray unpark permit left by a client library), so loop.
        long left;
        while ((left = window.measureEnd() - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
        long deadline = window.measureEnd() + DRAIN_NANOS;
        // Stop early once the stream has been quiet for a while: everything has arrived.
        while (System.nanoTime() < deadline && System.nanoTime() - this.lastReceipt < 100_000_000L) {
            LockSupport.parkNanos(20_000_000L);
        }
        // For the worker's log: a subscriber that got nothing at all differs from one that got it late.
        System.err.printf("subscriber: %d messages in all, %d of the window, last one %d ms after the window%n",
                this.all.get(), this.received.get(), (this.lastReceipt - window.measureEnd()) / 1_000_000);
        return new PhaseResult(0, this.received.get(), this.latencies.copy());
    }
}
