package io.sharedmemory.core.internal.store;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entries of the store as they were at one instant, in the order they were taken: what
 * {@link InMemoryStore#snapshot()} and {@link InMemoryStore#getMany} return. Two parallel arrays
 * rather than a map, because a snapshot may hold every key of a large store and lives while its
 * reply is sent; it shares the values with the store (they are never modified), so it costs two
 * references per entry. Immutable once built.
 */
public final class Snapshot {

    private static final Snapshot EMPTY = new Snapshot(new String[0], new Object[0], 0);

    private final String[] keys;
    /** Each a {@code byte[]} or a {@link StoredValue}, as the store holds them. */
    private final Object[] values;
    private final int size;

    private Snapshot(String[] keys, Object[] values, int size) {
        this.keys = keys;
        this.values = values;
        this.size = size;
    }

    /**
     * A snapshot without entries.
     * @return the empty snapshot
     */
    public static Snapshot empty() {
        return EMPTY;
    }

    /**
     * Counts the entries.
     * @return the number of entries
     */
    public int size() {
        return size;
    }

    /**
     * The key of an entry.
     * @param index 0 to {@code size() - 1}
     * @return its key
     */
    public String key(int index) {
        return keys[check(index)];
    }

    /**
     * The encoded value of an entry.
     * @param index 0 to {@code size() - 1}
     * @return its bytes (shared: never modify)
     */
    public byte[] bytes(int index) {
        return StoredValue.bytesOfHeld(values[check(index)]);
    }

    /**
     * The value of an entry, with its decoded form if the store keeps one.
     * @param index 0 to {@code size() - 1}
     * @return its value
     */
    public StoredValue value(int index) {
        return StoredValue.ofHeld(values[check(index)]);
    }

    /**
     * Copies the entries into a map, for callers that want one (it costs a map entry per key).
     * @return an unmodifiable map in snapshot order
     */
    public Map<String, StoredValue> toMap() {
        Map<String, StoredValue> map = new LinkedHashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            map.put(keys[i], StoredValue.ofHeld(values[i]));
        }
        return Collections.unmodifiableMap(map);
    }

    private int check(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("Entry " + index + " of a snapshot of " + size);
        }
        return index;
    }

    /** Collects entries while the store holds its lock; not thread-safe. */
    static final class Builder {

        private String[] keys;
        private Object[] values;
        private int size;

        Builder(int expected) {
            int capacity = Math.max(8, expected);
            keys = new String[capacity];
            values = new Object[capacity];
        }

        void add(String key, Object held) {
            if (size == keys.length) {
                int capacity = keys.length + (keys.length >> 1) + 1;
                keys = Arrays.copyOf(keys, capacity);
                values = Arrays.copyOf(values, capacity);
            }
            keys[size] = key;
            values[size++] = held;
        }

        Snapshot build() {
            if (size == 0) {
                return EMPTY;
            }
            // Trimmed: the snapshot may outlive the lock by a long reply, so slack is not kept.
            return new Snapshot(size == keys.length ? keys : Arrays.copyOf(keys, size),
                    size == values.length ? values : Arrays.copyOf(values, size), size);
        }
    }
}
