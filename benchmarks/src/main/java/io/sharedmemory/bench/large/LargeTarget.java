package io.sharedmemory.bench.large;

/**
 * A system holding a large store, as another process reads it whole: it loads the keys of
 * {@link LargeData} and reads them all back in one operation.
 */
public interface LargeTarget extends AutoCloseable {

    /**
     * Stores keys {@code 0..keys-1} of {@link LargeData}, in batches.
     * @param keys how many
     * @throws Exception if the system fails
     */
    void load(int keys) throws Exception;

    /**
     * Reads every key and its value, decoded as the application would get them.
     * @return how many entries came back
     * @throws Exception if the system fails
     */
    int readAll() throws Exception;

    /** Releases the client. */
    @Override
    void close();
}
