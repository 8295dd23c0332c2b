package io.sharedmemory.bench.pubsub;

import java.util.function.Consumer;

/** One process's view of a publish/subscribe system: one channel, text messages. */
public interface PubSubClient extends AutoCloseable {

    /** The channel every measurement uses. */
    String CHANNEL = "bench";

    /**
     * Publishes one message and waits for the system's acknowledgement.
     * @param message the message
     */
    void publish(String message);

    /**
     * Subscribes to the channel; returns once the subscription is in place.
     * @param listener receives each message
     */
    void subscribe(Consumer<String> listener);

    /** Disconnects. */
    @Override
    void close();
}
