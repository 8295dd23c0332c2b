package io.sharedmemory.core.store;

import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.concurrent.locks.StampedLock;

/**
 * The store's map from keys to held values, built for memory: open addressing in flat arrays,
 * so an entry costs its key and value and two array slots, with no entry object (a
 * {@code ConcurrentHashMap} adds a 32-byte node per key, a fifth of a small entry). Keys are
 * spread over {@link #STRIPES} stripes; each is one table guarded by its own
 * {@link StampedLock}: writes to a stripe take its write lock, reads only validate an optimistic
 * stamp (falling back to the read lock while a write runs), so readers never block each other
 * or writers of other stripes.
 * <p>
 * Invariants, per stripe: keys and values sit in one array ({@code key, value} pairs), so a
 * reader sees one table; a key is at its home slot or after it with no empty slot in between
 * (linear probing, removal by backward shift, no tombstones); the table is at most 3/4 full.
 * An optimistic reader may see a table mid-change, so its probe is bounded and its result is
 * used only once the stamp validates. The functions given to {@link #compute} run under the
 * stripe's write lock and must not call back into the table.
 */
final class KeyTable {

    /** Stripes: enough that writers rarely meet, few enough that empty tables cost nothing. */
    static final int STRIPES = 64;

    private static final int STRIPE_SHIFT = Integer.SIZE - Integer.numberOfTrailingZeros(STRIPES);

    private static final int INITIAL_SLOTS = 16;

    private final Stripe[] stripes = new Stripe[STRIPES];

    KeyTable() {
        for (int i = 0; i < STRIPES; i++) {
            this.stripes[i] = new Stripe();
        }
    }

    /** The value held for a key, or {@code null}. */
    Object get(String key) {
        int hash = hash(key);
        Stripe stripe = stripe(hash);
        long stamp = stripe.tryOptimisticRead();
        // Read even while a writer holds the stripe (stamp 0): the probe is bounded, the result then dropped.
        Object value = valueOf(stripe.table, key, hash);
        return (stamp != 0L && stripe.validate(stamp)) ? value : getLocked(stripe, key, hash);
    }

    /** The slow path of {@link #get}, kept apart so the fast one stays small enough to inline. */
    private static Object getLocked(Stripe stripe, String key, int hash) {
        long stamp = stripe.readLock();
        try {
            return valueOf(stripe.table, key, hash);
        }
        finally {
            stripe.unlockRead(stamp);
        }
    }

    /** Stores a value; returns the one it replaced, or {@code null}. */
    Object put(String key, Object value) {
        int hash = hash(key);
        Stripe stripe = stripe(hash);
        long stamp = stripe.writeLock();
        try {
            Object[] table = stripe.table;
            int slot = slotOf(table, key, hash);
            if (slot < 0) {
                stripe.insert(key, value, hash);
                return null;
            }
            Object old = table[2 * slot + 1];
            table[2 * slot + 1] = value;
            return old;
        }
        finally {
            stripe.unlockWrite(stamp);
        }
    }

    /** Removes a key; returns the value it had, or {@code null}. */
    Object remove(String key) {
        int hash = hash(key);
        Stripe stripe = stripe(hash);
        long stamp = stripe.writeLock();
        try {
            Object[] table = stripe.table;
            int slot = slotOf(table, key, hash);
            if (slot < 0) {
                return null;
            }
            Object old = table[2 * slot + 1];
            stripe.removeAt(slot);
            return old;
        }
        finally {
            stripe.unlockWrite(stamp);
        }
    }

    /** Like {@link #compute}, but calls the function only if the key is present. */
    Object computeIfPresent(String key, BiFunction<String, Object, Object> function) {
        return compute(key, (k, current) -> (current == null) ? null : function.apply(k, current));
    }

    /**
     * Replaces a key's value by what the function makes of it ({@code null} when absent),
     * atomically; a {@code null} result removes the key. If the function throws, nothing changes.
     * @return the new value, or {@code null}
     */
    Object compute(String key, BiFunction<String, Object, Object> function) {
        int hash = hash(key);
        Stripe stripe = stripe(hash);
        long stamp = stripe.writeLock();
        try {
            Object[] table = stripe.table;
            int slot = slotOf(table, key, hash);
            Object current = (slot < 0) ? null : table[2 * slot + 1];
            Object updated = function.apply(key, current);
            if (updated == null) {
                if (slot >= 0) {
                    stripe.removeAt(slot);
                }
            }
            else if (slot >= 0) {
                table[2 * slot + 1] = updated;
            }
            else {
                stripe.insert(key, updated, hash);
            }
            return updated;
        }
        finally {
            stripe.unlockWrite(stamp);
        }
    }

    /** Visits every entry, a stripe at a time under its read lock; the action must not write. */
    void forEach(BiConsumer<String, Object> action) {
        for (Stripe stripe : this.stripes) {
            long stamp = stripe.readLock();
            try {
                Object[] table = stripe.table;
                for (int i = 0; i < table.length; i += 2) {
                    if (table[i] != null) {
                        action.accept((String) table[i], table[i + 1]);
                    }
                }
            }
            finally {
                stripe.unlockRead(stamp);
            }
        }
    }

    /** Counts the entries (each stripe read under its lock, so it is exact when nothing writes). */
    int size() {
        int size = 0;
        for (Stripe stripe : this.stripes) {
            long stamp = stripe.readLock();
            size += stripe.size;
            stripe.unlockRead(stamp);
        }
        return size;
    }

    /**
     * Fibonacci hashing: the stripe takes the top bits of the product, the slot its low bits
     * folded with the high ones, so keys that differ only in their last characters (whose String
     * hashes differ only in their low bits) still spread over stripes and do not cluster.
     */
    static int hash(String key) {
        int h = key.hashCode() * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private Stripe stripe(int hash) {
        return this.stripes[hash >>> STRIPE_SHIFT];
    }

    private static Object valueOf(Object[] table, String key, int hash) {
        int slot = slotOf(table, key, hash);
        return (slot < 0) ? null : table[2 * slot + 1];
    }

    /** The slot holding the key, or -1. Bounded, so a torn table seen optimistically cannot hold a reader. */
    private static int slotOf(Object[] table, String key, int hash) {
        int mask = (table.length >> 1) - 1;
        int slot = hash & mask;
        int keyHash = key.hashCode();
        for (int probes = 0; probes <= mask; probes++) {
            String candidate = (String) table[2 * slot];
            if (candidate == null) {
                return -1;
            }
            // Strings cache their hash: comparing it first spares most mismatches a byte compare.
            if (candidate == key || candidate.hashCode() == keyHash && key.equals(candidate)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /**
     * One table and its lock (the stripe is the lock, so a read loads one object less); its
     * fields change only under the write lock.
     */
    private static final class Stripe extends StampedLock {

        private static final long serialVersionUID = 1L;

        /** {@code key, value} pairs; a power of two of slots. */
        transient Object[] table = new Object[2 * INITIAL_SLOTS];

        int size;

        void insert(String key, Object value, int hash) {
            if (4L * (this.size + 1) > 3L * (this.table.length >> 1)) {
                grow();
            }
            place(this.table, key, value, hash);
            this.size++;
        }

        /** Removes slot {@code hole}, moving later keys of the probe run back so none is cut off. */
        void removeAt(int hole) {
            Object[] table = this.table;
            int mask = (table.length >> 1) - 1;
            int slot = hole;
            while (true) {
                slot = (slot + 1) & mask;
                Object key = table[2 * slot];
                if (key == null) {
                    break;
                }
                int home = hash((String) key) & mask;
                // The key may fill the hole if the hole lies between its home slot and where it is.
                if (((slot - home) & mask) >= ((slot - hole) & mask)) {
                    table[2 * hole] = key;
                    table[2 * hole + 1] = table[2 * slot + 1];
                    hole = slot;
                }
            }
            table[2 * hole] = null;
            table[2 * hole + 1] = null;
            this.size--;
        }

        private void grow() {
            Object[] old = this.table;
            Object[] larger = new Object[old.length * 2];
            for (int i = 0; i < old.length; i += 2) {
                if (old[i] != null) {
                    place(larger, (String) old[i], old[i + 1], hash((String) old[i]));
                }
            }
            // One write publishes the new table; optimistic readers of the old one fail to validate.
            this.table = larger;
        }

        private static void place(Object[] table, String key, Object value, int hash) {
            int mask = (table.length >> 1) - 1;
            int slot = hash & mask;
            while (table[2 * slot] != null) {
                slot = (slot + 1) & mask;
            }
            table[2 * slot + 1] = value;
            table[2 * slot] = key;
        }
    }
}
