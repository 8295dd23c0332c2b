package io.sharedmemory.bench.pubsub;

/**
 * Messages that carry their publish instant: {@link System#nanoTime()} in decimal, padded to
 * 32 bytes. {@code nanoTime} is the machine-wide monotonic clock on Linux, so a subscriber in
 * another JVM can subtract it from its own.
 */
public final class PubSubMessages {

    /** The size of every message, in bytes. */
    public static final int SIZE = 32;

    private static final String PADDING = ":".repeat(SIZE);

    private PubSubMessages() {
    }

    /**
     * A message stamped now.
     * @return the message
     */
    public static String stampedNow() {
        String stamp = Long.toString(System.nanoTime());
        return stamp + PADDING.substring(stamp.length());
    }

    /**
     * Reads the stamp back.
     * @param message a message made by {@link #stampedNow()}
     * @return its publish instant
     */
    public static long stamp(String message) {
        return Long.parseLong(message, 0, message.indexOf(':'), 10);
    }
}
