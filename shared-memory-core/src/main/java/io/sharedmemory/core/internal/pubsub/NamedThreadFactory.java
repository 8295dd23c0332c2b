package io.sharedmemory.core.internal.pubsub;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names every thread it makes {@code prefix-N}; daemon, so a forgotten store never blocks exit. */
public final class NamedThreadFactory implements ThreadFactory {

    private final String prefix;

    private final AtomicInteger counter = new AtomicInteger();

    /**
     * Creates a factory.
     * @param prefix the thread name prefix, e.g. {@code shared-memory-listener}
     */
    public NamedThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, this.prefix + "-" + this.counter.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Starts a named daemon thread.
     * @param name the thread's name
     * @param task what it runs
     * @return the started thread
     */
    public static Thread start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
