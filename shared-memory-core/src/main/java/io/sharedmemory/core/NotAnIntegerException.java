package io.sharedmemory.core;

/** An increment met a value that is not an integer, or overflowed a {@code long}. */
public class NotAnIntegerException extends SharedMemoryException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     * @param message what went wrong
     */
    public NotAnIntegerException(String message) {
        super(message);
    }
}
