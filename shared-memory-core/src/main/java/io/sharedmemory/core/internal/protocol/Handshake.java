package io.sharedmemory.core.internal.protocol;

import java.nio.ByteBuffer;

import io.sharedmemory.core.SharedMemorySettings;

import io.sharedmemory.core.internal.wire.ErrorCodes;
import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;
import io.sharedmemory.core.internal.wire.ProtocolException;

/**
 * The opening exchange of a connection: the client's {@code HELLO} (magic and protocol
 * version) and main's {@code WELCOME}; see docs/PROTOCOL.md.
 */
public final class Handshake {

    /** ASCII {@code SHM1}: tells a shared-memory client from stray bytes. */
    public static final int MAGIC = 0x53484D31;

    /** The protocol version this code speaks. */
    public static final int VERSION = 1;

    private Handshake() {
    }

    /**
     * What a client says first.
     * @param version its protocol version
     * @param pid its process id, or 0
     * @param name a name for logs, may be empty
     * @param maxFrameSize the largest frame the client accepts, sent only by a client that
     *        assembles replies in parts ({@link ReplyPart}); {@link #NO_PARTS} for one that
     *        leaves the field out (it gets every reply in one frame, or {@code TOO_LARGE})
     */
    public record Hello(int version, long pid, String name, int maxFrameSize) {

        /** The {@code maxFrameSize} of a {@code HELLO} without that field. */
        public static final int NO_PARTS = 0;

        /**
         * A {@code HELLO} without the frame limit field, as clients that do not assemble parts send it.
         * @param version its protocol version
         * @param pid its process id, or 0
         * @param name a name for logs, may be empty
         */
        public Hello(int version, long pid, String name) {
            this(version, pid, name, NO_PARTS);
        }

        /**
         * Tells whether the client assembles replies sent in parts.
         * @return {@code true} if it sent its frame limit
         */
        public boolean acceptsParts() {
            return this.maxFrameSize != NO_PARTS;
        }

        /**
         * Writes this {@code HELLO} frame.
         * @param encoder where to write
         */
        public void writeTo(FrameEncoder encoder) {
            encoder.begin(Opcodes.HELLO).putInt(MAGIC).putU16(this.version).putLong(this.pid)
                    .putString(this.name);
            if (acceptsParts()) {
                encoder.putInt(this.maxFrameSize);
            }
            encoder.end();
        }

        /**
         * Reads a client's first frame.
         * @param frame the frame body
         * @return the hello
         * @throws ProtocolException with {@code BAD_HANDSHAKE} if it is not a shared-memory
         *         {@code HELLO}, with {@code UNSUPPORTED_VERSION} for another version
         */
        public static Hello read(ByteBuffer frame) {
            FrameBody body = new FrameBody(frame);
            try {
                if (body.opcode() != Opcodes.HELLO || body.int32() != MAGIC) {
                    throw new ProtocolException(ErrorCodes.BAD_HANDSHAKE,
                            "The first frame is not a shared-memory HELLO");
                }
                int version = body.u16();
                if (version != VERSION) {
                    throw new ProtocolException(ErrorCodes.UNSUPPORTED_VERSION, "Protocol version "
                            + version + " is not supported; this main speaks " + VERSION);
                }
                long pid = body.int64();
                String name = body.string();
                int maxFrameSize = NO_PARTS;
                if (body.remaining() > 0) {
                    maxFrameSize = body.int32();
                    // Negative is above 2^31 unsigned: no frame limit can be that large either.
                    if (maxFrameSize < SharedMemorySettings.MIN_FRAME_SIZE) {
                        throw new ProtocolException(ErrorCodes.BAD_HANDSHAKE, "Frame limit "
                                + Integer.toUnsignedString(maxFrameSize) + " in HELLO is not one");
                    }
                }
                body.end();
                return new Hello(version, pid, name, maxFrameSize);
            }
            catch (ProtocolException ex) {
                if (ex.errorCode() == ErrorCodes.PROTOCOL_ERROR) {
                    throw new ProtocolException(ErrorCodes.BAD_HANDSHAKE, "Malformed HELLO: " + ex.getMessage());
                }
                throw ex;
            }
        }
    }

    /**
     * Main's answer to a good {@code HELLO}.
     * @param version main's protocol version
     * @param maxFrameSize the largest frame main accepts
     * @param pid main's process id
     */
    public record Welcome(int version, int maxFrameSize, long pid) {

        /**
         * Writes this {@code WELCOME} frame.
         * @param encoder where to write
         */
        public void writeTo(FrameEncoder encoder) {
            encoder.begin(Opcodes.WELCOME).putU16(this.version).putInt(this.maxFrameSize).putLong(this.pid);
            encoder.end();
        }

        /**
         * Reads main's answer.
         * @param frame the frame body
         * @return the welcome
         * @throws ProtocolException if main refused ({@code FATAL}) or answered something else
         */
        public static Welcome read(ByteBuffer frame) {
            FrameBody body = new FrameBody(frame);
            byte opcode = body.opcode();
            if (opcode == Fatal.OPCODE) {
                Fatal fatal = Fatal.read(body);
                throw new ProtocolException(fatal.code(), "Main refused the connection: " + fatal.message());
            }
            if (opcode != Opcodes.WELCOME) {
                throw new ProtocolException(ErrorCodes.BAD_HANDSHAKE, "Main answered HELLO with opcode " + opcode);
            }
            Welcome welcome = new Welcome(body.u16(), body.int32(), body.int64());
            body.end();
            return welcome;
        }
    }

    /**
     * Writes a {@code FATAL} frame.
     * @param encoder where to write
     * @param code one of {@link ErrorCodes}
     * @param message why
     */
    public static void writeFatal(FrameEncoder encoder, int code, String message) {
        new Fatal(code, message).write(encoder);
    }
}
