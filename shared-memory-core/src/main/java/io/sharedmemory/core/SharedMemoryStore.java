package io.sharedmemory.core;

import java.nio.file.Path;

/**
 * A {@link KeyValueStore} whose start is explicit, so a container (such as Spring's lifecycle)
 * can create it first and start it later. {@link SharedMemory.Builder#startMain()} and
 * {@link SharedMemory.Builder#connectChild()} return stores that are already started.
 */
public interface SharedMemoryStore extends KeyValueStore {

    /**
     * Starts the store: a main process binds its socket; a child connects, and if the main
     * process is absent keeps retrying in the background. Calling it again does nothing.
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
     * {@code true} for a child while it is connected to main.
     * @return {@code true} if calls can be served now
     */
    boolean isAvailable();

    /**
     * The socket this store binds or connects to.
     * @return the socket path
     */
    Path socketPath();
}
