package io.sharedmemory.spring;

import java.util.List;
import java.util.Objects;

/**
 * One listener to subscribe: the channels and channel patterns it listens to and the invoker
 * that delivers a message to it.
 *
 * @param id a readable name of the listener, for logs (typically {@code bean.method(params)})
 * @param channels channel names, placeholders resolved
 * @param patterns channel glob patterns, placeholders resolved
 * @param invoker delivers {@code (channel, message)} to the listener
 */
public record SharedMemoryListenerEndpoint(String id, List<String> channels, List<String> patterns,
        ListenerInvoker invoker) {

    /**
     * Validates and copies the endpoint.
     * @param id a readable name of the listener
     * @param channels channel names
     * @param patterns channel glob patterns
     * @param invoker delivers messages to the listener
     */
    public SharedMemoryListenerEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(invoker, "invoker");
        channels = List.copyOf(channels);
        patterns = List.copyOf(patterns);
        if (channels.isEmpty() && patterns.isEmpty()) {
            throw new IllegalArgumentException("Listener " + id + " names no channel and no pattern");
        }
    }

    /** Delivers one message to a listener. Implementations never throw. */
    @FunctionalInterface
    public interface ListenerInvoker {

        /**
         * Delivers a message.
         * @param channel the channel it was published on
         * @param message the decoded message
         */
        void invoke(String channel, Object message);
    }
}
