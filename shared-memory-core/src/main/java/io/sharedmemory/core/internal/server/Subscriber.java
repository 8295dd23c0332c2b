package io.sharedmemory.core.internal.server;

/** Something in main that receives published messages: a child's connection or a local listener. */
interface Subscriber {

    /**
     * Takes one message; must not block.
     * @param message the message
     * @param pattern the matching pattern, or {@code null} for a channel subscription
     */
    void deliver(PublishedMessage message, String pattern);
}
