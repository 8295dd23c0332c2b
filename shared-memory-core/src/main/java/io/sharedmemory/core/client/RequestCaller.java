package io.sharedmemory.core.client;

import java.time.Duration;

import io.sharedmemory.core.SharedMemoryCodecException;
import io.sharedmemory.core.SharedMemoryException;
import io.sharedmemory.core.SharedMemoryUnavailableException;
import io.sharedmemory.core.store.NotAnIntegerException;
import io.sharedmemory.core.wire.ErrorCodes;
import io.sharedmemory.core.wire.FrameEncoder;
import io.sharedmemory.core.wire.Opcodes;

/**
 * Makes one request on a connection and waits for its reply, within the request timeout:
 * registers the call, writes the frame, lets a lone caller read its own reply, and turns an
 * {@code ERROR} reply into the matching exception.
 */
final class RequestCaller {

    /**
     * The longest a lone caller polls for its reply before it parks: a local round trip is
     * usually shorter than a thread wake-up. The connection adapts the actual budget.
     */
    private static final long SPIN_NANOS = Long.getLong("shared-memory.client.spin-nanos", 50_000L);

    private static final ThreadLocal<FrameEncoder> ENCODERS = ThreadLocal.withInitial(() -> new FrameEncoder(256));

    private final Duration timeout;

    private final long timeoutNanos;

    RequestCaller(Duration timeout) {
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
    }

    PendingCall call(ClientConnection target, byte opcode, RequestBody body) {
        PendingRequests pending = target.pending();
        PendingCall call = pending.register();
        FrameEncoder out = ENCODERS.get();
        out.clear();
        out.begin(opcode).putInt(call.id());
        body.write(out);
        int length = out.end();
        if (length > target.maxFrameSize()) {
            pending.forget(call);
            throw new SharedMemoryException("The request is " + length + " bytes, over max-frame-size "
                    + target.maxFrameSize());
        }
        long start = System.nanoTime();
        target.send(out.toByteArray(), start + this.timeoutNanos);
        // A lone caller reads its own reply; with company, the background reader serves all.
        boolean alone = pending.size() <= 1;
        boolean polled = false;
        if (alone) {
            long budget = target.spinNanos(SPIN_NANOS);
            polled = target.readFor(call, budget);
            if (polled && budget == SPIN_NANOS) {
                target.pollOutcome(call.isDone());
            }
        }
        // A caller that polled already spent its spin; one that found another reader spins here.
        long spin = (alone && !polled) ? SPIN_NANOS : 0;
        if (!call.await(this.timeoutNanos - (System.nanoTime() - start), spin)) {
            pending.forget(call);
            throw new SharedMemoryUnavailableException("No reply from shared-memory main within "
                    + this.timeout + " (shared-memory.request-timeout)");
        }
        if (call.opcode() == Opcodes.ERROR) {
            throw failure(call.errorCode(), call.errorMessage());
        }
        return call;
    }

    private static SharedMemoryException failure(int code, String message) {
        return switch (code) {
            case ErrorCodes.NOT_AN_INTEGER -> new NotAnIntegerException(message);
            case ErrorCodes.BAD_VALUE -> new SharedMemoryCodecException("Main refused the value: " + message);
            default -> new SharedMemoryException("Main refused the request (code " + code + "): " + message);
        };
    }

    /** Writes a request's fields after its opcode and id. */
    @FunctionalInterface
    interface RequestBody {

        /**
         * Writes the fields.
         * @param out the frame being written
         */
        void write(FrameEncoder out);
    }
}
