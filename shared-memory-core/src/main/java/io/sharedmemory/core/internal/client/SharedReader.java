package io.sharedmemory.core.internal.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameReader;

/**
 * Decides who reads a child's non-blocking socket: the one place where the child's I/O design
 * is written down. Writes are simpler: whoever holds {@link ClientConnection}'s write lock sends
 * every frame queued in its outbox, bounded by the call's deadline.
 *
 * <h2>Why</h2>
 * A lone caller takes the read role and polls for its own reply for a short while, so it pays
 * no thread hand-off (the dominant cost of a local round trip). With company, the background
 * thread reads and hands each reply to its caller; callers never spin against each other.
 *
 * <h2>States of the read role ({@code role})</h2>
 * <pre>
 *   FREE ──caller alone, CAS──▶ CALLER  (polls until its reply, or its spin budget, then FREE)
 *   FREE ──selector ready, CAS─▶ BACKGROUND (reads all that is there, then FREE)
 * </pre>
 * The background thread itself is PARKED (within {@link ClientTimings#READER_GRACE_NANOS} of a
 * lone caller's read, with no call pending), SELECTING, WAITING for a caller to leave the role
 * ({@code backgroundWaiting}), or READING.
 *
 * <h2>Invariants</h2>
 * <ol>
 * <li>At most one thread reads the socket and the decoder at a time: the one that won the CAS
 *     on {@code role}.</li>
 * <li>A reply completes exactly one call, its own: it is matched by request id and taken out
 *     of {@link PendingRequests} by the one thread that read it; a call that timed out is no
 *     longer there, so a late reply is dropped. A reply in parts (docs/PROTOCOL.md) is
 *     assembled in its call, which stays pending until the last frame; parts are added by the
 *     reader of the moment, so by one thread at a time (invariant 1), and a part for a call
 *     that timed out is dropped like a late reply.</li>
 * <li>Nothing read is stranded: a caller that leaves the role with a frame left in the decoder,
 *     pushes deferred, other calls pending or the background thread waiting, wakes the
 *     background thread (unpark, and a selector wake-up, since main may send nothing more).</li>
 * <li>Pushes keep their order: a caller never runs listeners (their queues may block); it
 *     defers the pushes it reads, and the background thread runs deferred pushes before
 *     anything it reads itself.</li>
 * <li>No call outlives its deadline: waits are timed ({@link PendingCall#await}, the
 *     asynchronous timer), and so are writes; none of the timings above bounds a call. The
 *     deadline is the request timeout after the call was made, moved on by each part of its
 *     reply: a reply that keeps coming is waited for, a main that stops mid-reply is not.</li>
 * <li>When the connection closes, every call pending and every later one fails at once
 *     ({@link PendingRequests#failAll}).</li>
 * </ol>
 * {@code ChildIoStressTest} checks these under random load with the connection cut at random.
 */
final class SharedReader {

    private static final long GRACE_NANOS = ClientTimings.READER_GRACE_NANOS;

    private final FrameReader decoder;

    private final Selector selector;

    private final FrameHandler handler;

    private final PendingRequests pending;

    private final AtomicBoolean role = new AtomicBoolean();

    private final Queue<Runnable> deferred = new ConcurrentLinkedQueue<>();

    private volatile Thread background;

    /** Set while the background thread parks in its grace period after a lone caller's read. */
    private volatile boolean graceParked;

    /** Set while the background thread waits for a caller to give the role back. */
    private volatile boolean backgroundWaiting;

    private volatile long lastCallerNanos = System.nanoTime() - 2 * GRACE_NANOS;

    SharedReader(FrameReader decoder, Selector selector, FrameHandler handler, PendingRequests pending) {
        this.decoder = decoder;
        this.selector = selector;
        this.handler = handler;
        this.pending = pending;
    }

    /**
     * Polls the socket for the call's reply for up to {@code spinNanos}, if nobody else is
     * reading; returns early when the reply came.
     * @return {@code true} if this thread polled (whether or not the reply came)
     * @throws IOException if reading fails; the connection must then be closed
     */
    boolean readFor(PendingCall call, long spinNanos) throws IOException {
        if (call.isDone() || !this.role.compareAndSet(false, true)) {
            return false;
        }
        try {
            long start = System.nanoTime();
            while (!call.isDone()) {
                ByteBuffer frame = this.decoder.pollFrame();
                if (frame != null) {
                    this.handler.handle(new FrameBody(frame), false);
                }
                else if (System.nanoTime() - start > spinNanos) {
                    break;
                }
                else {
                    Thread.onSpinWait();
                }
            }
        }
        finally {
            // Frames read past the reply (another caller's reply, a push) wait in the decoder,
            // where the selector cannot see them; asked while this thread still holds the role.
            boolean buffered = this.decoder.hasBufferedFrame();
            this.lastCallerNanos = System.nanoTime();
            this.role.set(false);
            boolean leftBehind = buffered || !this.deferred.isEmpty();
            if (this.backgroundWaiting || this.pending.size() > 0 || leftBehind) {
                // Someone still waits, or pushes wait to run: the background thread takes over.
                LockSupport.unpark(this.background);
                if (leftBehind) {
                    // unpark does not end a select(), and main may send nothing more that would.
                    this.selector.wakeup();
                }
            }
        }
        return true;
    }

    /**
     * Tells the reader that a call is pending that its caller will not read itself: a caller
     * with company, or one that found the role taken. Without it, a background thread parked
     * in its grace period would leave that reply unread until the period ends.
     */
    void callerWaits() {
        if (this.graceParked) {
            LockSupport.unpark(this.background);
        }
    }

    /** Queues a push met by a caller for the background thread. */
    void defer(Runnable push) {
        this.deferred.add(push);
    }

    /**
     * The background thread's loop; returns when {@code closed} turns true.
     * @throws IOException if reading fails; the connection must then be closed
     */
    void runBackground(AtomicBoolean closed) throws IOException {
        this.background = Thread.currentThread();
        while (!closed.get()) {
            runDeferred();
            if (this.pending.size() == 0 && System.nanoTime() - this.lastCallerNanos < GRACE_NANOS) {
                // A lone caller is reading for itself; it wakes us if it leaves work behind, and
                // a caller that waits without reading wakes us (callerWaits). The flag is set
                // before the second look at pending, the caller registers before it looks at
                // the flag: one of the two always sees the other.
                this.graceParked = true;
                try {
                    if (this.pending.size() == 0) {
                        LockSupport.parkNanos(this, GRACE_NANOS);
                    }
                }
                finally {
                    this.graceParked = false;
                }
                continue;
            }
            this.selector.select();
            this.selector.selectedKeys().clear();
            if (!takeRole()) {
                continue;
            }
            try {
                // Pushes deferred before the role was taken come before anything read now.
                runDeferred();
                ByteBuffer frame;
                while ((frame = this.decoder.pollFrame()) != null) {
                    this.handler.handle(new FrameBody(frame), true);
                }
            }
            finally {
                this.role.set(false);
            }
        }
    }

    /** Takes the role, or waits until the caller holding it gives it back. */
    private boolean takeRole() {
        if (this.role.compareAndSet(false, true)) {
            return true;
        }
        this.backgroundWaiting = true;
        try {
            // Checked again after announcing the wait: a caller leaving now sees the flag.
            if (this.role.compareAndSet(false, true)) {
                return true;
            }
            LockSupport.parkNanos(this, GRACE_NANOS);
            return false;
        }
        finally {
            this.backgroundWaiting = false;
        }
    }

    private void runDeferred() {
        Runnable push;
        while ((push = this.deferred.poll()) != null) {
            push.run();
        }
    }

    /** Handles one frame read from main. */
    interface FrameHandler {

        /**
         * Handles a frame.
         * @param frame the frame
         * @param mayBlock {@code true} on the background thread, which may wait for listener room
         * @throws IOException if main sent a fatal error
         */
        void handle(FrameBody frame, boolean mayBlock) throws IOException;
    }
}
