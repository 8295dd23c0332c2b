package io.sharedmemory.redis;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;

/**
 * Whether this process may write with plain commands (no process watches) or must use the
 * watched scripts, which publish each change. Plain writes stay as cheap as without watching;
 * the price is a handshake when a process starts watching ({@link RedisWatchControl}).
 * <p>
 * States: <em>unsynced</em> (not connected yet, or the subscriber connection was lost, so
 * handshake messages may have been missed: every write is watched), <em>syncing</em> (the
 * control channel is subscribed and the set of watchers is being read: still watched, and the
 * handshake messages that arrive meanwhile are kept, as they may be newer than what the read
 * sees), <em>synced</em> (plain while the registrations known are none).
 * <p>
 * Invariant: a plain write is only issued while holding the read lock and while synced with no
 * known registration; a registration becomes known under the write lock, so every plain write
 * is either already handed to Lettuce (and ahead of the acknowledgement on the same command
 * connection) or will not be issued plain. Staying watched too long costs only speed; the
 * states above never make a write plain that a watcher expects to see.
 */
final class RedisWatcherPresence {

    private final StampedLock lock = new StampedLock();

    /** Guarded by the write lock. */
    private final Set<String> known = new HashSet<>();

    /** Handshake messages seen while syncing, token to whether it watches; guarded by the write lock. */
    private Map<String, Boolean> seenWhileSyncing;

    /** Guarded by the write lock. */
    private boolean synced;

    /** {@code synced && known.isEmpty()}; written under the write lock. */
    private volatile boolean plain;

    /**
     * Issues a write, plain or watched, so that no registration can become known in between.
     * The supplier only hands the command to Lettuce; it never waits.
     */
    <T> CompletableFuture<T> write(Supplier<CompletableFuture<T>> plainWrite, Supplier<CompletableFuture<T>> watchedWrite) {
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
            this.plain = false;
        }
        finally {
            this.lock.unlockWrite(stamp);
        }
    }

    /** The control channel is subscribed on a new connection; the set of watchers is read next. */
    void syncing() {
        long stamp = this.lock.writeLock();
        try {
            this.synced = false;
            this.seenWhileSyncing = new HashMap<>();
            this.plain = false;
        }
        finally {
            this.lock.unlockWrite(stamp);
        }
    }

    /**
     * The set of watchers was read after the control channel was subscribed.
     * @param registrations its members
     */
    void synced(Collection<String> registrations) {
        long stamp = this.lock.writeLock();
        try {
            if (this.seenWhileSyncing == null) {
                // Lost again meanwhile: stay unsynced until the next connection.
                return;
            }
            this.known.clear();
            this.known.addAll(registrations);
            this.seenWhileSyncing.forEach((token, watching) -> {
                if (watching) {
                    this.known.add(token);
                }
                else {
                    this.known.remove(token);
                }
            });
            this.seenWhileSyncing = null;
            this.synced = true;
            this.plain = this.known.isEmpty();
        }
        finally {
            this.lock.unlockWrite(stamp);
        }
    }

    /**
     * A handshake message arrived: a registration started or ended. On a start, writes are
     * watched before this returns, so the caller may acknowledge it.
     */
    void registration(String token, boolean watching) {
        long stamp = this.lock.writeLock();
        try {
            if (watching) {
                this.known.add(token);
            }
            else {
                this.known.remove(token);
            }
            if (this.seenWhileSyncing != null) {
                this.seenWhileSyncing.put(token, watching);
            }
            this.plain = this.synced && this.known.isEmpty();
        }
        finally {
            this.lock.unlockWrite(stamp);
        }
    }
}
