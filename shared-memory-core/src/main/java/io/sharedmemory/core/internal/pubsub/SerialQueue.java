package io.sharedmemory.core.internal.pubsub;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages of one subscription, run one at a time in arrival order on the
 * {@link ListenerDispatcher}'s threads. A listener that throws is logged and the next
 * message still runs.
 */
public final class SerialQueue {

    private static final Logger logger = LoggerFactory.getLogger(SerialQueue.class);

    /** How many messages one turn runs before giving the thread to other subscriptions. */
    private static final int BATCH = 64;

    private final ListenerDispatcher dispatcher;

    private final String description;

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    private final AtomicBoolean scheduled = new AtomicBoolean();

    private final Runnable drain = this::drain;

    SerialQueue(ListenerDispatcher dispatcher, String description) {
        this.dispatcher = dispatcher;
        this.description = description;
    }

    /**
     * Queues a task, waiting for room if the dispatcher is full.
     * @param task the listener call
     * @return {@code false} if the dispatcher is closed
     */
    public boolean put(Runnable task) {
        return enqueue(task, true);
    }

    /**
     * Queues a task if there is room.
     * @param task the listener call
     * @return {@code false} if the dispatcher is full or closed
     */
    public boolean offer(Runnable task) {
        return enqueue(task, false);
    }

    private boolean enqueue(Runnable task, boolean block) {
        if (!this.dispatcher.acquire(block)) {
            return false;
        }
        this.tasks.add(task);
        schedule();
        return true;
    }

    private void schedule() {
        if (this.scheduled.compareAndSet(false, true)) {
            this.dispatcher.execute(this.drain);
        }
    }

    private void drain() {
        for (int i = 0; i < BATCH; i++) {
            Runnable task = this.tasks.poll();
            if (task == null) {
                break;
            }
            this.dispatcher.release();
            if (this.dispatcher.isClosed()) {
                continue;
            }
            try {
                task.run();
                this.dispatcher.delivered();
            }
            catch (Throwable ex) {
                logger.warn("Listener of {} failed; later messages are still delivered", this.description, ex);
            }
        }
        this.scheduled.set(false);
        // A task added after the last poll but before the flag cleared must not be stranded.
        if (!this.tasks.isEmpty()) {
            schedule();
        }
    }
}
