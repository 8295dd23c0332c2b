package io.sharedmemory.core.internal.wire;

import io.sharedmemory.core.SharedMemoryException;

/** A peer broke the wire protocol; the connection it came on must be closed. */
public class ProtocolException extends SharedMemoryException {

    private static final long serialVersionUID = 1L;

    private final int errorCode;

    /**
     * Creates an exception.
     * @param errorCode one of {@link ErrorCodes}
     * @param message what was wrong
     */
    public ProtocolException(int errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    /**
     * The code to send in a {@code FATAL} frame.
     * @return one of {@link ErrorCodes}
     */
    public int errorCode() {
        return this.errorCode;
    }
}
