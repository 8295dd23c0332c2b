package io.sharedmemory.core.internal.persistence;

/**
 * What a write's acknowledgement waits for: the server calls it after serving a burst of a
 * child's requests and before sending their replies; main's own calls after their write.
 */
@FunctionalInterface
public interface Durability {

    /** Nothing to wait for: persistence is off, or its policy does not wait. */
    Durability NONE = () -> { };

    /**
     * Waits until the writes this thread made so far are as durable as the policy promises
     * (with {@code fsync=always}: on disk); returns at once if they are.
     * @throws io.sharedmemory.core.SharedMemoryException if they cannot be made so within the
     *         wait limit: the writes must then not be acknowledged
     */
    void awaitOwnWrites();
}
