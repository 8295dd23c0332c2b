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

    /** Releases what this connection owns alone. */
    @Override
    void close();
}
