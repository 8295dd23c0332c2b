package io.sharedmemory.core;

/**
 * Learns what a store does, for metrics: the Spring Boot starter records it with Micrometer.
 * Methods are called on the store's hot paths, from many threads at once: an observer must be
 * thread-safe and cheap, and must not throw (a failure is the observer's, never the call's).
 * Every method does nothing by default, so an observer overrides only what it counts.
 */
public interface StoreObserver {

    /** The observer of a store that nobody observes. */
    StoreObserver NONE = new StoreObserver() {
    };

    /**
     * A call finished: in role child and redis each call this process made; in role main each
     * request main served for a child (main's own calls are memory lookups, cheaper than a timer).
     * @param operation the operation, e.g. {@code get}, {@code setAll}, {@code publish}
     * @param nanos how long it took
     * @param failure why it failed, or {@code null} if it succeeded
     */
    default void requestCompleted(String operation, long nanos, Throwable failure) {
    }

    /** A message was published through this process's store (once per publish). */
    default void messagePublished() {
    }

    /** A message was handed to one listener of this process. */
    default void messageDelivered() {
    }

    /**
     * A {@code get} of a key the near cache may hold was answered: from the cache ({@code hit})
     * or by the store ({@code miss}). Only with {@code near-cache} enabled (child and redis roles).
     * @param hit {@code true} if the cache answered
     */
    default void nearCacheGet(boolean hit) {
    }

    /**
     * A connection ended other than by a clean close: in role main a child's, in role child
     * the one to main.
     * @param reason why
     */
    default void disconnected(DisconnectReason reason) {
    }

    /** Why a connection ended, as a low-cardinality tag value. */
    enum DisconnectReason {

        /** Main cut a subscriber that fell too far behind. */
        TOO_SLOW("too-slow"),

        /** The peer sent something the protocol does not allow. */
        BAD_FRAME("bad-frame"),

        /** Main refused the peer: its user is not allowed. */
        PEER_REFUSED("peer-refused"),

        /** The connection broke: the peer died, or the socket failed. */
        LOST("lost");

        private final String tag;

        DisconnectReason(String tag) {
            this.tag = tag;
        }

        /**
         * The tag value.
         * @return e.g. {@code too-slow}
         */
        public String tag() {
            return this.tag;
        }
    }
}
