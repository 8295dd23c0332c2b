package io.sharedmemory.core;

/** A live subscription to a channel or a channel pattern. */
public interface Subscription extends AutoCloseable {

    /**
     * Unsubscribes; calling it again does nothing. Never throws.
     */
    @Override
    void close();
}
