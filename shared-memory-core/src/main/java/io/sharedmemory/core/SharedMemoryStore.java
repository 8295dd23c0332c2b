package io.sharedmemory.core;

/**
 * A {@link KeyValueStore} whose start is explicit, so a container (such as Spring's lifecycle)
 * can create it first and start it later. {@link SharedMemory.Builder#startMain()} and
 * {@link SharedMemory.Builder#connectChild()} return stores that are already started.
 */
public interface SharedMemoryStore extends KeyValueStore {

    /**
     * Starts the store: a main process binds its socket; a child (or a Redis client) connects,
     * and if the other side is absent keeps retrying in the background. Calling it again does
     * nothing.
     * @throws SocketInUseException if a live main process already serves the socket
     * @throws InvalidSocketPathException if the socket path cannot be used
     */
    void start();

    /**
     * Tells whether {@link #start()} has run and {@link #close()} has not.
     * @return {@code true} while started
     */
    boolean isRunning();

    /**
     * Tells whether calls can be served now: always {@code true} for a running main process,
     * {@code true} for a child while it is connected to main, and for a Redis client while its
     * connection to Redis is open.
     * @return {@code true} if calls can be served now
     */
    boolean isAvailable();

    /**
     * Where the data lives, for logs and diagnostics: the socket a main binds or a child connects
     * to, or the Redis server of a Redis client.
     * @return a short description, such as {@code /tmp/app.sock} or {@code redis 127.0.0.1:6379}
     */
    String endpoint();
}
