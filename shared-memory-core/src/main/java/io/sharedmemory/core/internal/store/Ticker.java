package io.sharedmemory.core.internal.store;

/**
 * The store's clock: a monotonic count of nanoseconds, like {@link System#nanoTime()}, which a
 * wall-clock step cannot move (a key must not expire early because NTP corrected the time).
 * Tests pass one they advance by hand, so time-to-live rules are checked without sleeping.
 */
@FunctionalInterface
public interface Ticker {

    /**
     * Reads the clock.
     * @return nanoseconds from an arbitrary origin; only differences mean anything
     */
    long read();

    /**
     * The machine's monotonic clock.
     * @return a ticker reading {@link System#nanoTime()}
     */
    static Ticker system() {
        return System::nanoTime;
    }
}
