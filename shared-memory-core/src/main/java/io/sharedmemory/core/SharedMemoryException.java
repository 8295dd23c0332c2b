package io.sharedmemory.core;

/** The base of every exception that shared-memory throws. */
public class SharedMemoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     * @param message what went wrong
     */
    public SharedMemoryException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a cause.
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public SharedMemoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
