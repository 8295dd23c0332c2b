package io.sharedmemory.core;

/** A value cannot be encoded or decoded, or names a type outside the trusted packages. */
public class SharedMemoryCodecException extends SharedMemoryException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     * @param message what went wrong
     */
    public SharedMemoryCodecException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a cause.
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public SharedMemoryCodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
