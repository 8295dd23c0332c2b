package io.sharedmemory.core.internal.store;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that stands still until a test moves it. */
final class ManualTicker implements Ticker {

    /** Far from zero, so nothing relies on the origin. */
    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

    @Override
    public long read() {
        return this.nanos.get();
    }

    void advance(Duration duration) {
        this.nanos.addAndGet(duration.toNanos());
    }
}
