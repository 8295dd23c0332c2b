package io.sharedmemory.core;

import java.nio.file.Path;

/** A socket path cannot be used: too long for the operating system, or its folder is unsafe. */
public class InvalidSocketPathException extends SharedMemoryException {

    private static final long serialVersionUID = 1L;

    /** The longest socket path, in bytes, that Linux accepts ({@code sun_path} less its NUL). */
    public static final int MAX_PATH_BYTES = 107;

    private final transient Path socketPath;

    /**
     * Creates an exception.
     * @param socketPath the path
     * @param reason why it cannot be used
     */
    public InvalidSocketPathException(Path socketPath, String reason) {
        super("Socket path " + socketPath + " cannot be used: " + reason);
        this.socketPath = socketPath;
    }

    /**
     * The path that cannot be used.
     * @return the path
     */
    public Path getSocketPath() {
        return this.socketPath;
    }
}
