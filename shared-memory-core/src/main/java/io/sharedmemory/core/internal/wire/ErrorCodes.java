package io.sharedmemory.core.internal.wire;

/** The error codes carried by {@code ERROR} and {@code FATAL} frames; see docs/PROTOCOL.md. */
public final class ErrorCodes {

    /** The request is malformed. */
    public static final int BAD_REQUEST = 1;
    /** Increment on a value that is not an integer, or overflow. */
    public static final int NOT_AN_INTEGER = 2;
    /** A blob is not an acceptable value. */
    public static final int BAD_VALUE = 3;
    /** The reply would exceed the client's max frame size. */
    public static final int TOO_LARGE = 4;
    /** Main failed unexpectedly. */
    public static final int INTERNAL = 5;
    /** Wrong magic, or the first frame is not HELLO. */
    public static final int BAD_HANDSHAKE = 16;
    /** Protocol version not spoken. */
    public static final int UNSUPPORTED_VERSION = 17;
    /** A declared frame length is 0 or too large. */
    public static final int FRAME_TOO_LARGE = 18;
    /** Unknown opcode, or a field runs past its frame. */
    public static final int PROTOCOL_ERROR = 19;
    /** The connection's outbound queue overflowed. */
    public static final int OVERLOADED = 20;
    /** Main is stopping. */
    public static final int SHUTTING_DOWN = 21;

    private ErrorCodes() {
    }
}
