package io.sharedmemory.core.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import io.sharedmemory.core.wire.FrameBody;
import io.sharedmemory.core.wire.FrameReader;

/**
 * Decides who reads a child's non-blocking socket. A lone caller takes the read role and
 * polls for its own reply for a short while, so it pays no thread hand-off (the dominant cost
 * of a local round trip). Otherwise the background thread reads: it waits in the selector and
 * takes the role when the socket is readable and no caller holds it. Replies are handed to
 * their callers by whoever reads them. Pushes that a caller meets are deferred to the
 * background thread: their listeners' queues may block, and a caller must not; the
 * background thread runs deferred pushes before anything it reads itself, so order is kept.
 */
final class SharedReader {

    /**
     * How long the background thread keeps off the socket after a lone caller read it, so the
     * caller's next call can read too; pushes meanwhile wait at most this long.
     */
    private static final long GRACE_NANOS = 2_000_000;

    private final FrameReader decoder;

    private final Selector selector;

    private final FrameHandler handler;

    private final PendingRequests pending;

    private final AtomicBoolean role = new AtomicBoolean();

    private final Queue<Runnable> deferred = new ConcurrentLinkedQueue<>();

    private volatile Thread background;

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
                // A lone caller is reading for itself; it wakes us if it leaves work behind.
                LockSupport.parkNanos(this, GRACE_NANOS);
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
