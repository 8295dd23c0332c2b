package io.sharedmemory.bench.load;

/** What one load thread calls: a key-value system as seen through one client connection. */
public interface KvConnection extends AutoCloseable {

    /**
     * Reads a key.
     * @param key the key
     * @return the value, so that decoding it is part of the measured work
     */
    Object get(String key);

    /**
     * Writes a key.
     * @param key the key
     * @param value the value
     */
    void set(String key, String value);

    /**
     * Makes {@code keys.length} calls with all of them in flight at once, and waits for all.
     * @param get reads if {@code true}, writes {@code value} otherwise
     * @param keys one key per call
     * @param value what writes store
     */
    void pipelined(boolean get, String[] keys, String value);

    /**
     * Reads or writes many keys in one call ({@code getAll}/{@code setAll}, {@code MGET}/{@code MSET}).
     * @param get reads if {@code true}, writes {@code value} under every key otherwise
     * @param keys the keys
     * @param value what writes store
     */
    void batch(boolean get, String[] keys, String value);

    /** Releases what this connection owns alone. */
    @Override
    void close();
}
