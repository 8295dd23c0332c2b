package io.sharedmemory.core.internal.pubsub;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.sharedmemory.core.StoreObserver;

/**
 * Runs subscription listeners off the socket I/O threads. Each subscription gets its own
 * {@link SerialQueue}, so its messages run one at a time in arrival order, while different
 * subscriptions run in parallel on a small pool of named threads. The number of messages
 * waiting across all queues is bounded.
 */
public final class ListenerDispatcher implements AutoCloseable {

    private final ThreadPoolExecutor executor;

    private final Semaphore capacity;

    private final int maxPending;

    private final StoreObserver observer;

    private volatile boolean closed;

    /**
     * Creates a dispatcher; its threads start with the first message.
     * @param threadNamePrefix names the threads
     * @param threads the most listeners that run at once
     * @param maxPending the most messages that may wait, across all subscriptions
     */
    public ListenerDispatcher(String threadNamePrefix, int threads, int maxPending) {
        this(threadNamePrefix, threads, maxPending, StoreObserver.NONE);
    }

    /**
     * Creates a dispatcher that tells an observer of every message a listener received.
     * @param threadNamePrefix names the threads
     * @param threads the most listeners that run at once
     * @param maxPending the most messages that may wait, across all subscriptions
     * @param observer learns of each delivery
     */
    public ListenerDispatcher(String threadNamePrefix, int threads, int maxPending, StoreObserver observer) {
        this.observer = observer;
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new NamedThreadFactory(threadNamePrefix));
        this.executor.allowCoreThreadTimeOut(true);
        this.capacity = new Semaphore(maxPending);
        this.maxPending = maxPending;
    }

    /**
     * Creates the queue of one subscription.
     * @param description names the subscription in logs
     * @return a new queue
     */
    public SerialQueue newQueue(String description) {
        return new SerialQueue(this, description);
    }

    /**
     * How many messages wait now.
     * @return the count
     */
    public int pending() {
        return this.maxPending - this.capacity.availablePermits();
    }

    boolean acquire(boolean block) {
        if (this.closed) {
            return false;
        }
        if (!block) {
            return this.capacity.tryAcquire();
        }
        try {
            // Blocking here stops the reader, so the socket, then main's queue, fill up:
            // main then cuts off this slow process instead of growing without bound.
            this.capacity.acquire();
            return !this.closed;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A listener ran with a message. */
    void delivered() {
        this.observer.messageDelivered();
    }

    void release() {
        this.capacity.release();
    }

    void execute(Runnable drain) {
        if (!this.closed) {
            this.executor.execute(drain);
        }
    }

    boolean isClosed() {
        return this.closed;
    }

    /** Stops the threads; messages still waiting are dropped. Waits briefly for running listeners. */
    @Override
    public void close() {
        this.closed = true;
        this.capacity.release(this.maxPending);
        this.executor.shutdownNow();
        try {
            this.executor.awaitTermination(2, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
