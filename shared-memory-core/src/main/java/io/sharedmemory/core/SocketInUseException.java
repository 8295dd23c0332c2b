package io.sharedmemory.core;

import java.nio.file.Path;

/** A main process could not bind its socket because a live main process already serves it. */
public class SocketInUseException extends SharedMemoryException {

    private static final long serialVersionUID = 1L;

    private final transient Path socketPath;

    /**
     * Creates an exception.
     * @param socketPath the socket that is in use
     */
    public SocketInUseException(Path socketPath) {
        super("Another main process is serving the socket " + socketPath
                + "; refusing to take it over");
        this.socketPath = socketPath;
    }

    /**
     * The socket that is in use.
     * @return its path
     */
    public Path getSocketPath() {
        return this.socketPath;
    }
}
