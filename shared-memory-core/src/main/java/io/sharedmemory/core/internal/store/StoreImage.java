package io.sharedmemory.core.internal.store;

import java.util.Arrays;

/**
 * The live entries of the store at one instant with their deadlines, as wall-clock instants:
 * what persistence writes to disk ({@link InMemoryStore#image}). Like {@link Snapshot} it shares
 * the values with the store (never modified) and costs a few words per entry. Immutable once built.
 */
public final class StoreImage {

    private final String[] keys;
    /** Each a {@code byte[]} or a {@link StoredValue}, as the store holds them. */
    private final Object[] values;
    /** Wall-clock milliseconds of each entry's deadline; 0 = none. */
    private final long[] deadlines;
    private final int size;

    private StoreImage(String[] keys, Object[] values, long[] deadlines, int size) {
        this.keys = keys;
        this.values = values;
        this.deadlines = deadlines;
        this.size = size;
    }

    /**
     * Counts the entries.
     * @return the number of entries
     */
    public int size() {
        return this.size;
    }

    /**
     * The key of an entry.
     * @param index 0 to {@code size() - 1}
     * @return its key
     */
    public String key(int index) {
        return this.keys[check(index)];
    }

    /**
     * The encoded value of an entry.
     * @param index 0 to {@code size() - 1}
     * @return its bytes (shared: never modify)
     */
    public byte[] bytes(int index) {
        return StoredValue.bytesOfHeld(this.values[check(index)]);
    }

    /**
     * The deadline of an entry.
     * @param index 0 to {@code size() - 1}
     * @return wall-clock milliseconds since the epoch, or 0 if it has no time to live
     */
    public long deadlineMillis(int index) {
        return this.deadlines[check(index)];
    }

    private int check(int index) {
        if (index < 0 || index >= this.size) {
            throw new IndexOutOfBoundsException("Entry " + index + " of an image of " + this.size);
        }
        return index;
    }

    /** Collects entries while the store holds its lock; not thread-safe. */
    static final class Builder {

        private String[] keys;
        private Object[] values;
        private long[] deadlines;
        private int size;

        Builder(int expected) {
            int capacity = Math.max(8, expected);
            this.keys = new String[capacity];
            this.values = new Object[capacity];
            this.deadlines = new long[capacity];
        }

        void add(String key, Object held, long deadlineMillis) {
            if (this.size == this.keys.length) {
                int capacity = this.keys.length + (this.keys.length >> 1) + 1;
                this.keys = Arrays.copyOf(this.keys, capacity);
                this.values = Arrays.copyOf(this.values, capacity);
                this.deadlines = Arrays.copyOf(this.deadlines, capacity);
            }
            this.keys[this.size] = key;
            this.values[this.size] = held;
            this.deadlines[this.size++] = deadlineMillis;
        }

        StoreImage build() {
            return new StoreImage(this.keys, this.values, this.deadlines, this.size);
        }
    }
}
