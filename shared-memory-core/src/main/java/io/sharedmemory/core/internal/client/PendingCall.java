package io.sharedmemory.core.internal.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

import io.sharedmemory.core.SharedMemoryUnavailableException;
import io.sharedmemory.core.internal.protocol.Reply;
import io.sharedmemory.core.internal.protocol.ReplyPart;

/**
 * One request in flight and, once main answers, its reply. Whoever reads the reply completes
 * the call: a blocking caller is woken (it spins briefly first when it is the only one waiting,
 * because a round trip on one machine is often shorter than a thread wake-up); an asynchronous
 * call completes its future.
 * <p>
 * States: waiting → (receiving parts) → done (with a reply, or failed). Parts of a reply too
 * large for one frame are added by whoever holds the read role while the call stays in
 * {@link PendingRequests}; each one is progress, from which the call's timeout counts anew
 * ({@link #progressNanos}). The transition to done happens once, by the one thread that takes
 * the call out of {@link PendingRequests}; the volatile {@code done} write publishes the reply
 * or the failure to the waiter.
 */
final class PendingCall {

    private final int id;

    /** The blocked caller, or {@code null} for an asynchronous call. */
    private final Thread waiter;

    /** The future of an asynchronous call, or {@code null} for a blocking one. */
    private final CompletableFuture<Reply> future;

    private volatile boolean done;

    /** When the call was made or the last part of its reply arrived: its timeout counts from here. */
    private volatile long progressNanos = System.nanoTime();

    /** The parts read so far, or {@code null}; touched only by the thread holding the read role. */
    private ReplyAssembly parts;

    private Reply reply;

    private Throwable failure;

    private PendingCall(int id, Thread waiter, CompletableFuture<Reply> future) {
        this.id = id;
        this.waiter = waiter;
        this.future = future;
    }

    /** A call whose caller blocks until {@link #await}. */
    static PendingCall blocking(int id) {
        return new PendingCall(id, Thread.currentThread(), null);
    }

    /** A call that completes {@link #future()} instead. */
    static PendingCall async(int id) {
        return new PendingCall(id, null, new CompletableFuture<>());
    }

    int id() {
        return this.id;
    }

    boolean isDone() {
        return this.done;
    }

    CompletableFuture<Reply> future() {
        return this.future;
    }

    long progressNanos() {
        return this.progressNanos;
    }

    /** Adds a part of the reply; the call stays pending, and its timeout counts from now. */
    void addPart(ReplyPart part) {
        if (this.parts == null) {
            this.parts = new ReplyAssembly();
        }
        this.parts.add(part);
        this.progressNanos = System.nanoTime();
    }

    /**
     * The whole reply, given its last frame (itself, for a reply in one frame).
     * @throws io.sharedmemory.core.internal.wire.ProtocolException if it does not match the parts
     */
    Reply assemble(Reply last) {
        return (this.parts == null) ? last : this.parts.finish(last);
    }

    void complete(Reply reply) {
        this.reply = reply;
        // The volatile write publishes the plain field written before it.
        this.done = true;
        if (this.future != null) {
            this.future.complete(reply);
        }
        else {
            LockSupport.unpark(this.waiter);
        }
    }

    void fail(Throwable cause) {
        this.failure = cause;
        this.done = true;
        if (this.future != null) {
            this.future.completeExceptionally(unavailable(cause));
        }
        else {
            LockSupport.unpark(this.waiter);
        }
    }

    /**
     * Waits for the reply of a blocking call: at most {@code timeoutNanos} after the call was
     * made, or after the last part of its reply arrived.
     * @return the reply, or {@code null} on timeout
     * @throws SharedMemoryUnavailableException if the connection failed meanwhile
     */
    Reply await(long timeoutNanos, long spinNanos) {
        long start = System.nanoTime();
        if (spinNanos > 0) {
            while (!this.done && System.nanoTime() - start < spinNanos) {
                Thread.onSpinWait();
            }
        }
        while (!this.done) {
            // Parts do not wake the waiter: at its deadline it looks again from the latest one.
            long left = timeoutNanos - (System.nanoTime() - this.progressNanos);
            if (left <= 0) {
                return null;
            }
            LockSupport.parkNanos(this, left);
        }
        if (this.failure != null) {
            throw unavailable(this.failure);
        }
        return this.reply;
    }

    private static SharedMemoryUnavailableException unavailable(Throwable cause) {
        return (cause instanceof SharedMemoryUnavailableException unavailable) ? unavailable
                : new SharedMemoryUnavailableException("Lost the connection to main: " + cause.getMessage(), cause);
    }
}
