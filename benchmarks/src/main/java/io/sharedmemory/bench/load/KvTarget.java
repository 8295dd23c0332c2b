package io.sharedmemory.bench.load;

/**
 * A key-value system under load, within one worker JVM. Whether threads share one client
 * (as a Spring application shares one store bean) or each opens its own is the target's choice.
 */
public interface KvTarget extends AutoCloseable {

    /**
     * Gives one load thread its connection.
     * @return a connection for the calling thread
     * @throws Exception if it cannot connect
     */
    KvConnection connect() throws Exception;

    /** Releases the client. */
    @Override
    void close();
}
