package io.sharedmemory.spring.cache;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

import io.sharedmemory.core.KeyValueStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Loads a missing entry once across every process that shares the store ({@code sync = true}):
 * the process that takes the entry's lock key with {@code setIfAbsent} computes and stores the
 * value; the others poll the store until the value is there, and take the lock themselves if it
 * is freed without a value (the loader failed) or outlives its lease (its holder died).
 * <p>
 * The lock value is {@code <pid>:<uuid>@<lease end, epoch millis>}. Right after taking it the
 * holder sets it again with the lease as its time to live, so the store drops the lock of a
 * killed holder by itself; a holder killed between those two calls leaves a lock without time
 * to live, which the others see as stale by its lease end and take over with
 * {@code compareAndSet}. (The public store API has no {@code setIfAbsent} with a time to live,
 * hence the two steps.) The lease end is wall-clock time: the processes of the socket roles share
 * one machine's clock; in the redis role a clock skew between machines only moves that rare
 * takeover.
 * <p>
 * No wait is unbounded: a waiter that has seen neither a value nor a free lock for
 * {@link #LONGEST_WAIT} computes the value itself (and says so in the log). A load that runs
 * longer than {@link #LEASE} may be computed a second time by a waiter: the lease is not renewed.
 */
final class SharedLoad {

    /**
     * How long a lock holds without a value. Cached computations take milliseconds to seconds;
     * 30 s leaves room for a slow one, and is the longest that a holder killed mid-load delays
     * the others.
     */
    static final Duration LEASE = Duration.ofSeconds(30);

    /**
     * How long a waiter waits before it computes without the lock: the lease plus time for the
     * store to drop an expired lock and for the last poll, so that with a working store it is
     * never reached.
     */
    static final Duration LONGEST_WAIT = LEASE.plusSeconds(5);

    /** The first pause between polls: a fast load is seen a few milliseconds after it is stored. */
    static final Duration FIRST_POLL = Duration.ofMillis(5);

    /**
     * The longest pause between polls (each pause doubles the last): a waiter sees a value at most
     * this late, at no more than ten store calls a second while a load runs.
     */
    static final Duration LONGEST_POLL = Duration.ofMillis(100);

    private static final Log logger = LogFactory.getLog(SharedLoad.class);

    private static final String OWNER = ProcessHandle.current().pid() + ":";

    private final KeyValueStore store;

    private final Duration lease;

    private final Duration longestWait;

    /**
     * Loads on a store with the default timings.
     * @param store the store
     */
    SharedLoad(KeyValueStore store) {
        this(store, LEASE, LONGEST_WAIT);
    }

    /**
     * Loads with other timings, for tests that must not wait half a minute.
     * @param store the store
     * @param lease how long a lock holds
     * @param longestWait how long a waiter waits before it computes without the lock
     */
    SharedLoad(KeyValueStore store, Duration lease, Duration longestWait) {
        this.store = store;
        this.lease = lease;
        this.longestWait = longestWait;
    }

    /**
     * The stored value of an entry, computed and stored by {@code loadAndStore} in this process
     * if no other process does it first.
     * @param entryKey the entry's store key
     * @param lockKey the key of the entry's load lock
     * @param loadAndStore computes the value, stores it and returns what it stored; its exceptions
     * pass through
     * @return the stored value
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    Object load(String entryKey, String lockKey, Supplier<Object> loadAndStore) throws InterruptedException {
        long start = System.nanoTime();
        long pause = FIRST_POLL.toMillis();
        while (true) {
            String token = tryLock(lockKey);
            if (token != null) {
                try {
                    // Another process may have stored it between our last look and the lock.
                    Object stored = this.store.get(entryKey);
                    return (stored != null) ? stored : loadAndStore.get();
                }
                finally {
                    unlock(lockKey, token);
                }
            }
            Object stored = this.store.get(entryKey);
            if (stored != null) {
                return stored;
            }
            long left = this.longestWait.toMillis() - (System.nanoTime() - start) / 1_000_000;
            if (left <= 0) {
                logger.warn("Gave up waiting " + this.longestWait + " for another process to load " + entryKey
                        + " (lock " + this.store.get(lockKey) + "); loading it here");
                return loadAndStore.get();
            }
            Thread.sleep(Math.min(pause, left));
            pause = Math.min(pause * 2, LONGEST_POLL.toMillis());
        }
    }

    /** Takes the lock if it is free or stale; {@code null} if another holder has it. */
    private String tryLock(String lockKey) {
        String token = OWNER + UUID.randomUUID() + "@" + (System.currentTimeMillis() + this.lease.toMillis());
        if (this.store.setIfAbsent(lockKey, token)) {
            this.store.set(lockKey, token, this.lease);
            return token;
        }
        Object held = this.store.get(lockKey);
        if (held != null && isStale(held) && this.store.compareAndSet(lockKey, held, token)) {
            this.store.set(lockKey, token, this.lease);
            return token;
        }
        return null;
    }

    private static boolean isStale(Object held) {
        String text = held.toString();
        int at = text.lastIndexOf('@');
        try {
            return at < 0 || Long.parseLong(text.substring(at + 1)) < System.currentTimeMillis();
        }
        catch (NumberFormatException ex) {
            // Not a lock this class wrote: nothing would ever free it.
            return true;
        }
    }

    /**
     * Frees the lock if it is still ours. Between the look and the delete a lock that outlived its
     * lease may have passed to another process, whose load a third one may then repeat: that
     * costs a computation, never a wrong value.
     */
    private void unlock(String lockKey, String token) {
        try {
            if (token.equals(this.store.get(lockKey))) {
                this.store.delete(lockKey);
            }
        }
        catch (RuntimeException ex) {
            // The lease frees it; the value (or the loader's exception) matters more.
            logger.debug("Could not free cache load lock " + lockKey + "; its lease will", ex);
        }
    }
}
