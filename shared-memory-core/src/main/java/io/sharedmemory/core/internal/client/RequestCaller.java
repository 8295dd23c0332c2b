package io.sharedmemory.core.internal.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.sharedmemory.core.SharedMemoryCodecException;
import io.sharedmemory.core.SharedMemoryException;
import io.sharedmemory.core.SharedMemoryUnavailableException;
import io.sharedmemory.core.internal.protocol.ErrorReply;
import io.sharedmemory.core.internal.protocol.Reply;
import io.sharedmemory.core.internal.protocol.Request;
import io.sharedmemory.core.NotAnIntegerException;
import io.sharedmemory.core.internal.wire.ErrorCodes;
import io.sharedmemory.core.internal.wire.FrameEncoder;

/**
 * Makes one request on a connection and gets its reply within the request timeout: registers
 * the call, writes the frame, and either waits (letting a lone caller read its own reply) or
 * returns a future that the reader completes; an {@code ERROR} reply becomes the matching
 * exception.
 * <p>
 * The timeout rule: a call fails once the request timeout has passed since it was made with
 * no reply, or since the last part of a reply in parts arrived with no further frame. So a
 * listing of any size succeeds while main keeps sending it, and a main that stops answering,
 * before or in the middle of a reply, fails the call within one timeout.
 */
final class RequestCaller {

    /** The connection adapts the actual budget (see {@link ClientConnection#spinNanos}). */
    private static final long SPIN_NANOS = ClientTimings.LONE_CALLER_SPIN_NANOS;

    private static final ThreadLocal<FrameEncoder> ENCODERS = ThreadLocal.withInitial(() -> new FrameEncoder(256));

    private final Duration timeout;

    private final long timeoutNanos;

    RequestCaller(Duration timeout) {
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
    }

    /**
     * Makes a call and waits for its reply.
     * @return the reply, never an {@link ErrorReply}
     * @throws SharedMemoryUnavailableException if no reply came in time or the connection failed
     * @throws SharedMemoryException if main refused the request
     */
    Reply call(ClientConnection target, Request request) {
        PendingRequests pending = target.pending();
        PendingCall call = pending.register();
        long start = System.nanoTime();
        send(target, request, call, start);
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
        if (!polled) {
            target.callerWaits();
        }
        // A caller that polled already spent its spin; one that found another reader spins here.
        long spin = (alone && !polled) ? SPIN_NANOS : 0;
        Reply reply = call.await(this.timeoutNanos, spin);
        if (reply == null) {
            pending.forget(call);
            throw timedOut();
        }
        return checked(reply);
    }

    /**
     * Makes a call without waiting: the connection's reader completes the future (so stages
     * that depend on it run there unless given an executor), the timer fails it at the deadline.
     * @return the reply, never an {@link ErrorReply}
     */
    CompletableFuture<Reply> callAsync(ClientConnection target, Request request, ScheduledExecutorService timer) {
        PendingRequests pending = target.pending();
        PendingCall call = pending.registerAsync();
        CompletableFuture<Reply> future = call.future();
        try {
            send(target, request, call, System.nanoTime());
        }
        catch (RuntimeException ex) {
            future.completeExceptionally(ex);
            return future;
        }
        target.callerWaits();
        if (!future.isDone()) {
            Deadline deadline = new Deadline(call, pending, timer);
            deadline.arm(this.timeoutNanos);
            future.whenComplete((reply, failure) -> deadline.cancel());
        }
        return future.thenApply(RequestCaller::checked);
    }

    /** Fails an asynchronous call at its deadline, which each part of its reply moves on. */
    private final class Deadline implements Runnable {

        private final PendingCall call;

        private final PendingRequests pending;

        private final ScheduledExecutorService timer;

        private volatile ScheduledFuture<?> scheduled;

        Deadline(PendingCall call, PendingRequests pending, ScheduledExecutorService timer) {
            this.call = call;
            this.pending = pending;
            this.timer = timer;
        }

        void arm(long delayNanos) {
            this.scheduled = this.timer.schedule(this, delayNanos, TimeUnit.NANOSECONDS);
            if (this.call.future().isDone()) {
                // Completed while being armed: the cancel on completion may have missed this one.
                cancel();
            }
        }

        @Override
        public void run() {
            if (this.call.future().isDone()) {
                return;
            }
            long idle = System.nanoTime() - this.call.progressNanos();
            if (idle < RequestCaller.this.timeoutNanos) {
                arm(RequestCaller.this.timeoutNanos - idle);
                return;
            }
            this.pending.forget(this.call);
            this.call.future().completeExceptionally(timedOut());
        }

        void cancel() {
            ScheduledFuture<?> current = this.scheduled;
            if (current != null) {
                current.cancel(false);
            }
        }
    }

    /** Writes the request; the write, like the whole call, is bounded by the timeout from {@code start}. */
    private void send(ClientConnection target, Request request, PendingCall call, long start) {
        FrameEncoder out = ENCODERS.get();
        out.clear();
        int length = request.write(out, call.id());
        if (length > target.maxFrameSize()) {
            target.pending().forget(call);
            // Only replies come in parts: a request, a batch's keys included, is one frame.
            throw new SharedMemoryException("The request is " + length + " bytes, over max-frame-size "
                    + target.maxFrameSize() + " (a batch is sent in one frame: split it, or raise "
                    + "shared-memory.max-frame-size)");
        }
        target.send(out.toByteArray(), start + this.timeoutNanos);
    }

    private SharedMemoryUnavailableException timedOut() {
        return new SharedMemoryUnavailableException("No reply from shared-memory main within " + this.timeout
                + " (shared-memory.request-timeout)");
    }

    private static Reply checked(Reply reply) {
        if (reply instanceof ErrorReply error) {
            throw failure(error.code(), error.message());
        }
        return reply;
    }

    private static SharedMemoryException failure(int code, String message) {
        return switch (code) {
            case ErrorCodes.NOT_AN_INTEGER -> new NotAnIntegerException(message);
            case ErrorCodes.BAD_VALUE -> new SharedMemoryCodecException("Main refused the value: " + message);
            default -> new SharedMemoryException("Main refused the request (code " + code + "): " + message);
        };
    }
}
