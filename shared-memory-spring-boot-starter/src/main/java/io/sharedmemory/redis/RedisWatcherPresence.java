package io.sharedmemory.redis;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;

/**
 * Whether this process may write with plain commands (no process watches) or must use the
 * watched scripts, which publish each change. Plain writes stay as cheap as without watching;
 * the price is a handshake when a process starts watching ({@link RedisWatchControl}).
 * <p>
 * States: <em>unsynced</em> (not connected yet, or the subscriber connection was lost, so
 * handshake messages may have been missed: every write is watched), <em>syncing</em> (the
 * control channel is subscribed and the watchers are being read: still watched, and the
 * handshake messages that arrive meanwhile are kept, as they may be newer than what the read
 * sees), <em>synced</em> (plain while no registration is known whose lease holds).
 * <p>
 * Invariant: a plain write is only issued while holding the read lock and while synced with no
 * known registration; a registration becomes known under the write lock, so every plain write
 * is either already handed to Lettuce (and ahead of the acknowledgement on the same command
 * connection) or will not be issued plain. A registration is forgotten on its {@code U}, or
 * once its lease (renewed by the watcher every third of it) has run out here. Staying watched
 * too long costs only speed.
 */
final class RedisWatcherPresence {

    private final StampedLock lock = new StampedLock();

    /** Known registrations and when their lease ends here ({@link System#nanoTime()}); guarded by the write lock. */
    private final Map<String, Long> known = new HashMap<>();

    /** Handshake messages seen while syncing: token to lease end, or {@code null} once ended; guarded by the write lock. */
    private Map<String, Long> seenWhileSyncing;

    /** Guarded by the write lock. */
    private boolean synced;

    /** {@code synced && known.isEmpty()}; written under the write lock. */
    private volatile boolean plain;

    /** The earliest lease end among the known registrations; meaningful while any is known. */
    private volatile long nextLeaseEnd;

    /**
     * Issues a write, plain or watched, so that no registration can become known in between.
     * The supplier only hands the command to Lettuce; it never waits.
     */
    <T> CompletableFuture<T> write(Supplier<CompletableFuture<T>> plainWrite, Supplier<CompletableFuture<T>> watchedWrite) {
        if (!this.plain && System.nanoTime() - this.nextLeaseEnd > 0) {
            dropLapsed();
        }
        long stamp = this.lock.readLock();
        try {
            return this.plain ? plainWrite.get() : watchedWrite.get();
        }
        finally {
            this.lock.unlockRead(stamp);
        }
    }

    /** Tells whether writes are plain now (for tests and logs). */
    boolean isPlain() {
        return this.plain;
    }

    /** The subscriber connection was lost: handshake messages may be missed from now on. */
    void unsynced() {
        long stamp = this.lock.writeLock();
        try {
            this.synced = false;
            this.seenWhileSyncing = null;
            update();
        }
        finally {
            this.lock.unlockWrite(stamp);
        }
    }

    /** The control channel is subscribed on a new connection; the watchers are read next. */
    void syncing() {
        long stamp = this.lock.writeLock();
        try {
            this.synced = false;
            this.seenWhileSyncing = new HashMap<>();
            update();
        }
        finally {
            this.lock.unlockWrite(stamp);
        }
    }

    /**
     * The watchers were read after the control channel was subscribed.
     * @param leases each registration whose lease holds, and the milliseconds it has left
     */
    void synced(Map<String, Long> leases) {
        long now = System.nanoTime();
        long stamp = this.lock.writeLock();
        try {
            if (this.seenWhileSyncing == null) {
                // Lost again meanwhile: stay unsynced until the next connection.
                return;
            }
            this.known.clear();
            leases.forEach((token, millis) -> this.known.put(token, now + TimeUnit.MILLISECONDS.toNanos(millis)));
            this.seenWhileSyncing.forEach((token, end) -> {
                if (end != null) {
                    this.known.put(token, end);
                }
                else {
                    this.known.remove(token);
                }
            });
            this.seenWhileSyncing = null;
            this.synced = true;
            update();
        }
        finally {
            this.lock.unlockWrite(stamp);
        }
    }

    /**
     * A handshake message arrived: a registration started or was renewed (with its lease), or
     * ended. On a start, writes are watched before this returns, so the caller may acknowledge it.
     */
    void registration(String token, boolean watching, long leaseMillis) {
        Long end = watching ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(leaseMillis) : null;
        long stamp = this.lock.writeLock();
        try {
            if (end != null) {
                this.known.put(token, end);
            }
            else {
                this.known.remove(token);
            }
            if (this.seenWhileSyncing != null) {
                this.seenWhileSyncing.put(token, end);
            }
            update();
        }
        finally {
            this.lock.unlockWrite(stamp);
        }
    }

    private void dropLapsed() {
        long stamp = this.lock.writeLock();
        try {
            long now = System.nanoTime();
            this.known.values().removeIf((end) -> now - end > 0);
            update();
        }
        finally {
            this.lock.unlockWrite(stamp);
        }
    }

    /** Recomputes the flag and the next lease end; under the write lock. */
    private void update() {
        long now = System.nanoTime();
        long next = now + TimeUnit.DAYS.toNanos(1);
        for (long end : this.known.values()) {
            if (end - next < 0) {
                next = end;
            }
        }
        this.nextLeaseEnd = next;
        this.plain = this.synced && this.known.isEmpty();
    }
}
