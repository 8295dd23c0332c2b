package io.sharedmemory.bench.pubsub;

import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

import io.sharedmemory.bench.load.Phase;
import io.sharedmemory.bench.load.PhaseResult;

/**
 * The one publisher: publishes stamped messages back to back, each waiting for its
 * acknowledgement, from the warm-up until the end of the measured window.
 */
public final class PubSubPublisher {

    private final PubSubClient client;

    /**
     * @param client the connected client
     */
    public PubSubPublisher(PubSubClient client) {
        this.client = client;
    }

    /**
     * Publishes through the window.
     * @param window when to publish and which part counts
     * @return messages published in the measured window and the publish call latencies
     */
    public PhaseResult run(Phase window) {
        Histogram latencies = PhaseResult.newHistogram();
        long published = 0;
        long wait;
        while ((wait = window.warmupStart() - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        long start;
        while ((start = System.nanoTime()) < window.measureEnd()) {
            this.client.publish(PubSubMessages.stampedNow());
            if (start >= window.measureStart()) {
                latencies.recordValue(Math.min(System.nanoTime() - start, PhaseResult.MAX_NANOS));
                published++;
            }
        }
        return new PhaseResult(0, published, latencies);
    }
}
