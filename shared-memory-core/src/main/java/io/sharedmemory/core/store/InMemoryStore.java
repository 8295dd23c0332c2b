package io.sharedmemory.core.store;

import java.util.List;
import java.util.Map;

import io.sharedmemory.core.wire.ValueCodec;

/** TODO(codec-store): the main process's data; every op atomic; TTL without a thread per key. */
public final class InMemoryStore implements AutoCloseable {
    /** @param codec for increment and compare-and-set */
    public InMemoryStore(ValueCodec codec) { throw new UnsupportedOperationException("TODO"); }
    /** Starts the expiry thread. */
    public void start() { throw new UnsupportedOperationException("TODO"); }
    /** @param key key @return value or null */
    public StoredValue get(String key) { throw new UnsupportedOperationException("TODO"); }
    /** @param key k @param value v @param ttlMillis 0 = none */
    public void set(String key, StoredValue value, long ttlMillis) { throw new UnsupportedOperationException("TODO"); }
    /** @param key k @param value v @param ttlMillis 0 = none @return stored */
    public boolean setIfAbsent(String key, StoredValue value, long ttlMillis) { throw new UnsupportedOperationException("TODO"); }
    /** @param key k @return removed */
    public boolean delete(String key) { throw new UnsupportedOperationException("TODO"); }
    /** @param key k @param expected encoded @param update new @return replaced */
    public boolean compareAndSet(String key, byte[] expected, StoredValue update) { throw new UnsupportedOperationException("TODO"); }
    /** @param key k @param delta d @return new value */
    public long increment(String key, long delta) { throw new UnsupportedOperationException("TODO"); }
    /** @return snapshot */
    public Map<String, StoredValue> snapshot() { throw new UnsupportedOperationException("TODO"); }
    /** @param pattern p @return keys */
    public List<String> keys(GlobPattern pattern) { throw new UnsupportedOperationException("TODO"); }
    /** @return live keys */
    public int size() { throw new UnsupportedOperationException("TODO"); }
    @Override
    public void close() { throw new UnsupportedOperationException("TODO"); }
}
