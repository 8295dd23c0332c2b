package io.sharedmemory.core.internal.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;

import io.sharedmemory.core.NotAnIntegerException;
import io.sharedmemory.core.internal.codec.ValueCodec;

/**
 * The main process's data: encoded values by key. Thread-safe; every operation is atomic
 * and linearizable, decided by one {@link ConcurrentHashMap} operation on the key.
 *
 * <p>The operations that span keys ({@link #getMany}, {@link #setMany}, {@link #snapshot} and
 * {@link #keys}) exclude every other operation: they hold {@link #batches} exclusively, single-key
 * writes hold it shared (they still run in parallel with each other), and single-key reads only
 * validate an optimistic stamp (a volatile read on the hot path), falling back to the shared lock
 * while a batch runs. Invariants: no operation ever observes a batch half applied, and whatever
 * spans keys reads them all at one instant. The exclusive hold of a listing only copies
 * references ({@link Snapshot}); encoding and sending its reply happen after the lock is released.
 *
 * <p>A key with a time to live is never returned once its deadline has passed (each read
 * checks the clock), and one background thread, started by {@link #start()}, removes such
 * keys when they fall due. Keys without a time to live are held bare, so reading one is a
 * single map lookup. {@link #close()} only stops that thread: the data stays readable.
 *
 * <p>Memory per entry is kept small: a value without a decoded form is held as its bare bytes
 * ({@link StoredValue#held()}), and a value with a time to live adds one {@link Expiring} (plus
 * its place in the expiry index), never a second wrapper.
 */
public final class InMemoryStore implements AutoCloseable {

    private final ValueCodec codec;
    /**
     * Values, as {@link StoredValue#held()} gives them: a {@code byte[]} or a {@link StoredValue}
     * (no time to live), or an {@link Expiring} holding one of those.
     */
    private final ConcurrentHashMap<String, Object> map = new ConcurrentHashMap<>();
    private final ExpiryIndex expiry;
    /** Exclusive for batches, shared for everything else; see the class comment. */
    private final StampedLock batches = new StampedLock();
    private final ChangeFeed changes;

    /**
     * Creates an empty store; no thread runs until {@link #start()}.
     * @param codec for increment and compare-and-set
     */
    public InMemoryStore(ValueCodec codec) {
        this(codec, Ticker.system());
    }

    /**
     * Creates an empty store whose deadlines are read on the given clock.
     * @param codec for increment and compare-and-set
     * @param ticker the clock; tests advance one by hand
     */
    public InMemoryStore(ValueCodec codec, Ticker ticker) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.expiry = new ExpiryIndex(Objects.requireNonNull(ticker, "ticker"));
        this.changes = new ChangeFeed(expiry);
    }

    /**
     * Tells a listener of every change from now on, from inside the step that applies it
     * (see {@link ChangeListener} for what that allows). With no listener, writes take their
     * plain paths; with one, every write runs as one map operation on its key.
     * @param listener the listener, not null
     * @return an action that removes the listener again; idempotent
     */
    public Runnable addChangeListener(ChangeListener listener) {
        return changes.add(listener);
    }

    /**
     * Starts the expiry thread ("shared-memory-expiry", a daemon). Calling it again does nothing.
     * @throws IllegalStateException if the store was closed
     */
    public void start() {
        expiry.start(this::expire);
    }

    /**
     * Reads a key.
     * @param key key, not null
     * @return the value, or null if absent or expired
     */
    public StoredValue get(String key) {
        long stamp = batches.tryOptimisticRead();
        Object held = readHeld(key);
        if (!batches.validate(stamp)) {
            stamp = batches.readLock();
            try {
                held = readHeld(key);
            } finally {
                batches.unlockRead(stamp);
            }
        }
        return held == null ? null : StoredValue.ofHeld(held);
    }

    /** The held form of a live key's value, or null. */
    private Object readHeld(String key) {
        Object entry = map.get(key);
        if (entry instanceof Expiring e) {
            return e.deadline > expiry.now() ? e.value : null;
        }
        return entry;
    }

    /**
     * Reads many keys as one snapshot: no write happens while it reads.
     * @param keys the keys, not null
     * @return the live keys among them and their values, in the order asked (a key asked for
     *         twice is listed twice)
     */
    public Snapshot getMany(Collection<String> keys) {
        Snapshot.Builder found = new Snapshot.Builder(keys.size());
        long stamp = batches.writeLock();
        try {
            for (String key : keys) {
                Object held = readHeld(Objects.requireNonNull(key, "key"));
                if (held != null) {
                    found.add(key, held);
                }
            }
        } finally {
            batches.unlockWrite(stamp);
        }
        return found.build();
    }

    /**
     * Stores every entry, replacing values and times to live, as one step: no operation sees
     * some of them stored and others not.
     * @param entries the entries, not null
     */
    public void setMany(Map<String, StoredValue> entries) {
        long stamp = batches.writeLock();
        try {
            entries.forEach((key, value) -> {
                Object held = Objects.requireNonNull(value, "value").held();
                Object old = map.put(Objects.requireNonNull(key, "key"), held);
                unindex(old);
                // The exclusive hold keeps every other write out, so telling after the put keeps order.
                changes.stored(key, old, held);
            });
        } finally {
            batches.unlockWrite(stamp);
        }
    }

    /**
     * Stores a value, replacing any value and time to live the key had.
     * @param key key, not null
     * @param value value, not null
     * @param ttlMillis time to live in milliseconds; 0 = none
     * @throws IllegalArgumentException if ttlMillis is negative
     */
    public void set(String key, StoredValue value, long ttlMillis) {
        long stamp = batches.readLock();
        try {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            checkTtl(ttlMillis);
            if (ttlMillis == 0 && !changes.active()) {
                // The old entry's index element carries its own seq, so removing it here, outside
                // the map operation, cannot touch a newer entry's.
                unindex(map.put(key, value.held()));
                return;
            }
            long deadline = ttlMillis == 0 ? 0 : expiry.deadline(ttlMillis);
            map.compute(key, (k, old) -> {
                unindex(old);
                Object updated = ttlMillis == 0 ? value.held()
                        : indexed(new Expiring(k, value.held(), deadline, expiry.nextSeq()));
                changes.stored(k, old, updated);
                return updated;
            });
        } finally {
            batches.unlockRead(stamp);
        }
    }

    /**
     * Stores a value only if the key is absent (or expired).
     * @param key key, not null
     * @param value value, not null
     * @param ttlMillis time to live in milliseconds; 0 = none
     * @return true if it stored
     * @throws IllegalArgumentException if ttlMillis is negative
     */
    public boolean setIfAbsent(String key, StoredValue value, long ttlMillis) {
        long stamp = batches.readLock();
        try {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            checkTtl(ttlMillis);
            long deadline = ttlMillis == 0 ? 0 : expiry.deadline(ttlMillis);
            boolean[] stored = {false};
            map.compute(key, (k, old) -> {
                if (old != null && isLive(old)) {
                    return old;
                }
                unindex(old);
                stored[0] = true;
                Object updated = ttlMillis == 0 ? value.held()
                        : indexed(new Expiring(k, value.held(), deadline, expiry.nextSeq()));
                changes.stored(k, old, updated);
                return updated;
            });
            return stored[0];
        } finally {
            batches.unlockRead(stamp);
        }
    }

    /**
     * Removes a key.
     * @param key key, not null
     * @return true if a live value was removed
     */
    public boolean delete(String key) {
        long stamp = batches.readLock();
        try {
            if (changes.active()) {
                boolean[] removed = {false};
                map.computeIfPresent(key, (k, old) -> {
                    unindex(old);
                    removed[0] = isLive(old);
                    changes.removed(k, old);
                    return null;
                });
                return removed[0];
            }
            Object old = map.remove(key);
            unindex(old);
            return old != null && isLive(old);
        } finally {
            batches.unlockRead(stamp);
        }
    }

    /**
     * Replaces a key's value if it currently equals {@code expected} by value
     * ({@link ValueCodec#sameValue}). Like a set, the update has no time to live.
     * @param key key, not null
     * @param expected the encoded value the key must hold
     * @param update the new value
     * @return true if replaced; false if the key is absent or holds another value
     * @throws io.sharedmemory.core.SharedMemoryCodecException if a value is malformed
     */
    public boolean compareAndSet(String key, byte[] expected, StoredValue update) {
        long stamp = batches.readLock();
        try {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(update, "update");
            boolean[] replaced = {false};
            map.computeIfPresent(key, (k, old) -> {
                if (!isLive(old) || !codec.sameValue(bytesOf(old), expected)) {
                    return old;
                }
                unindex(old);
                replaced[0] = true;
                Object updated = update.held();
                changes.stored(k, old, updated);
                return updated;
            });
            return replaced[0];
        } finally {
            batches.unlockRead(stamp);
        }
    }

    /**
     * Adds to an integer value; an absent key counts as 0. The result is stored as a Long and
     * the key keeps its time to live.
     * @param key key, not null
     * @param delta what to add
     * @return the new value
     * @throws NotAnIntegerException if the value is not a Byte, Short, Integer or Long, or the sum overflows
     */
    public long increment(String key, long delta) {
        long stamp = batches.readLock();
        try {
            Objects.requireNonNull(key, "key");
            long[] result = new long[1];
            map.compute(key, (k, old) -> {
                if (old == null || !isLive(old)) {
                    unindex(old);
                    result[0] = delta;
                    Object fresh = StoredValue.of(ValueCodec.encodeLong(delta), delta).held();
                    changes.stored(k, old, fresh);
                    return fresh;
                }
                byte[] bytes = bytesOf(old);
                if (!ValueCodec.isInteger(bytes)) {
                    throw new NotAnIntegerException("Cannot increment key '" + k + "': its value is not an integer");
                }
                long sum;
                try {
                    sum = Math.addExact(ValueCodec.readInteger(bytes), delta);
                } catch (ArithmeticException e) {
                    throw new NotAnIntegerException("Cannot increment key '" + k + "' by " + delta + ": long overflow");
                }
                result[0] = sum;
                Object updated = StoredValue.of(ValueCodec.encodeLong(sum), sum).held();
                // Same deadline and seq: the index element already in place stands for the new entry.
                Object entry = old instanceof Expiring e ? e.withValue(updated) : updated;
                changes.stored(k, old, entry);
                return entry;
            });
            return result[0];
        } finally {
            batches.unlockRead(stamp);
        }
    }

    /**
     * Copies the live entries at one instant: no write happens while it copies (it holds the
     * batch lock exclusively), and it copies only references.
     * @return an immutable snapshot, never a live view
     */
    public Snapshot snapshot() {
        Snapshot.Builder copy = new Snapshot.Builder(map.size());
        long stamp = batches.writeLock();
        try {
            long now = expiry.now();
            // forEach, not entrySet(): no entry object per key.
            map.forEach((key, entry) -> {
                Object held = heldAt(entry, now);
                if (held != null) {
                    copy.add(key, held);
                }
            });
        } finally {
            batches.unlockWrite(stamp);
        }
        return copy.build();
    }

    /**
     * Copies the live entries with their deadlines (as wall-clock instants) at one instant, and
     * runs {@code atCut} in the same exclusive hold, so that what {@code atCut} marks (a log
     * position) divides the writes exactly: every write before it is in the image, none after.
     * Like {@link #snapshot()} it copies only references.
     * @param atCut run while no write can happen; must be quick and must not call the store
     * @return the image
     */
    public StoreImage image(Runnable atCut) {
        StoreImage.Builder copy = new StoreImage.Builder(map.size());
        long stamp = batches.writeLock();
        try {
            atCut.run();
            long now = expiry.now();
            long wallNow = System.currentTimeMillis();
            map.forEach((key, entry) -> {
                if (entry instanceof Expiring e) {
                    if (e.deadline > now) {
                        // At least 1 ms left on disk, so a live key is never restored as expired by rounding.
                        copy.add(key, e.value, wallNow + Math.max(1, (e.deadline - now) / 1_000_000));
                    }
                }
                else {
                    copy.add(key, entry, 0);
                }
            });
        } finally {
            batches.unlockWrite(stamp);
        }
        return copy.build();
    }

    /**
     * Lists live keys matching a pattern, at one instant (like {@link #snapshot()}).
     * @param pattern glob
     * @return the matching keys, a new list
     */
    public List<String> keys(GlobPattern pattern) {
        if (pattern.isLiteral()) {
            String key = pattern.literalText();
            return get(key) != null ? List.of(key) : List.of();
        }
        List<String> keys = new ArrayList<>();
        long stamp = batches.writeLock();
        try {
            long now = expiry.now();
            map.forEach((key, entry) -> {
                if (pattern.matches(key) && heldAt(entry, now) != null) {
                    keys.add(key);
                }
            });
        } finally {
            batches.unlockWrite(stamp);
        }
        return keys;
    }

    /**
     * Counts live keys.
     * @return the number of live keys
     */
    public int size() {
        // Drop what is due first, so expired keys are not counted even if the thread lags.
        long now = expiry.now();
        Expiring due;
        while ((due = expiry.firstDue(now)) != null) {
            expire(due);
        }
        return map.size();
    }

    /** Entries held, expired or not, without purging: lets tests watch the expiry thread. */
    int heldEntries() {
        return map.size();
    }

    /** What the map holds for a key: lets tests check that values are held without needless wrappers. */
    Object heldEntry(String key) {
        return map.get(key);
    }

    /** Elements in the expiry index: lets tests check it stays bounded by the keys with a TTL. */
    int expiryIndexSize() {
        return expiry.size();
    }

    /** Stops the expiry thread; idempotent. The data stays readable and writable. */
    @Override
    public void close() {
        expiry.close();
    }

    /** Removes a due entry if the key still holds that time to live. */
    private void expire(Expiring due) {
        long stamp = batches.readLock();
        try {
            map.computeIfPresent(due.key, (k, cur) -> {
                if (cur instanceof Expiring e && e.seq == due.seq) {
                    changes.expired(k, cur);
                    return null;
                }
                return cur;
            });
            expiry.remove(due);
        } finally {
            batches.unlockRead(stamp);
        }
    }

    private Expiring indexed(Expiring e) {
        expiry.add(e);
        return e;
    }

    private void unindex(Object old) {
        if (old instanceof Expiring e) {
            expiry.remove(e);
        }
    }

    private boolean isLive(Object entry) {
        return !(entry instanceof Expiring e) || e.deadline > expiry.now();
    }

    /** The bytes of an entry, live or not. */
    private static byte[] bytesOf(Object entry) {
        return StoredValue.bytesOfHeld(entry instanceof Expiring e ? e.value : entry);
    }

    /** The held value of an entry if it is live at {@code now}, else null. */
    private static Object heldAt(Object entry, long now) {
        if (entry instanceof Expiring e) {
            return e.deadline > now ? e.value : null;
        }
        return entry;
    }

    private static void checkTtl(long ttlMillis) {
        if (ttlMillis < 0) {
            throw new IllegalArgumentException("ttlMillis must be 0 (none) or positive: " + ttlMillis);
        }
    }
}
