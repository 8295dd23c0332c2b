package io.sharedmemory.core;

/** The main process cannot be reached, or did not reply within the request timeout. */
public class SharedMemoryUnavailableException extends SharedMemoryException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     * @param message what went wrong
     */
    public SharedMemoryUnavailableException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a cause.
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public SharedMemoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
