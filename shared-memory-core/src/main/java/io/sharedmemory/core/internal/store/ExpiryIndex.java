package io.sharedmemory.core.internal.store;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys that have a time to live, soonest first, and the one thread that removes them
 * when due. Holds one element per key with a TTL, so re-setting a key never grows it.
 * The thread sleeps until the soonest deadline (at most {@link #MAX_SLEEP_NANOS}) and is
 * woken when a sooner one arrives.
 */
final class ExpiryIndex implements AutoCloseable {

    static final String THREAD_NAME = "shared-memory-expiry";
    private static final long MAX_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** sleepUntil while the thread is awake: it will look at the index again before parking. */
    private static final long AWAKE = Long.MIN_VALUE;
    private static final Logger log = LoggerFactory.getLogger(ExpiryIndex.class);

    private final ConcurrentSkipListMap<Expiring, Boolean> entries = new ConcurrentSkipListMap<>(Expiring.ORDER);
    private final AtomicLong seq = new AtomicLong();
    private final Ticker ticker;
    private final long origin;
    private volatile long sleepUntil = AWAKE;
    private volatile boolean running;
    private volatile boolean closed;
    private volatile Thread thread;

    /** @param ticker the clock that deadlines are read on */
    ExpiryIndex(Ticker ticker) {
        this.ticker = ticker;
        this.origin = ticker.read();
    }

    /** Nanoseconds since this index was created: never negative, so deadlines never wrap. */
    long now() {
        return ticker.read() - origin;
    }

    long deadline(long ttlMillis) {
        long now = now();
        long deadline = now + TimeUnit.MILLISECONDS.toNanos(ttlMillis);
        return deadline < now ? Long.MAX_VALUE : deadline;
    }

    long nextSeq() {
        return seq.incrementAndGet();
    }

    void add(Expiring e) {
        entries.put(e, Boolean.TRUE);
        // Dekker-style pairing with the thread: it publishes sleepUntil, then re-reads the index.
        if (e.deadline < sleepUntil) {
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    void remove(Expiring e) {
        entries.remove(e);
    }

    /** @return the soonest entry whose deadline has passed, or null */
    Expiring firstDue(long now) {
        Map.Entry<Expiring, Boolean> first = entries.firstEntry();
        return first != null && first.getKey().deadline <= now ? first.getKey() : null;
    }

    int size() {
        return entries.size();
    }

    synchronized void start(Consumer<Expiring> expire) {
        if (closed) {
            throw new IllegalStateException("The store is closed");
        }
        if (thread != null) {
            return;
        }
        running = true;
        Thread t = new Thread(() -> run(expire), THREAD_NAME);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void run(Consumer<Expiring> expire) {
        while (running) {
            try {
                long now = now();
                Expiring due;
                while (running && (due = firstDue(now)) != null) {
                    expire.accept(due);
                }
                Map.Entry<Expiring, Boolean> first = entries.firstEntry();
                long target = now + MAX_SLEEP_NANOS;
                if (first != null && first.getKey().deadline < target) {
                    target = first.getKey().deadline;
                }
                sleepUntil = target;
                first = entries.firstEntry();
                if (first == null || first.getKey().deadline >= target) {
                    LockSupport.parkNanos(this, target - now());
                }
                sleepUntil = AWAKE;
            } catch (RuntimeException e) {
                // One bad removal must not stop expiry for every other key.
                log.warn("Expiring keys failed; continuing", e);
            }
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            running = false;
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            LockSupport.unpark(t);
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
