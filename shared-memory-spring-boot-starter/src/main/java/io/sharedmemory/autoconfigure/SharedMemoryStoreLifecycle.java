package io.sharedmemory.autoconfigure;

import java.util.concurrent.atomic.AtomicBoolean;

import io.sharedmemory.core.SharedMemoryStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the auto-configured {@link SharedMemoryStore} when the application context starts and
 * closes it when the context stops: a main process binds its socket on start and removes it on
 * stop; a child (or a Redis client) connects on start, retrying in the background while the
 * other side is absent, and disconnects on stop.
 * <p>
 * The store starts before every other lifecycle bean and stops after all of them, so that
 * listeners, launched children and the application's own lifecycle beans find it running.
 * A closed core store cannot be started again, so stopping the context ends the store for good
 * (as closing it does); restarting a stopped context is not supported.
 */
public class SharedMemoryStoreLifecycle implements SmartLifecycle {

    /** The phase of the store: earlier than any other lifecycle bean of a usual application. */
    public static final int PHASE = Integer.MIN_VALUE + 1000;

    private static final Log logger = LogFactory.getLog(SharedMemoryStoreLifecycle.class);

    private final SharedMemoryStore store;

    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * Creates a lifecycle for a store; does not start it.
     * @param store the store to start and stop
     */
    public SharedMemoryStoreLifecycle(SharedMemoryStore store) {
        this.store = store;
    }

    /**
     * Starts the store.
     * @throws io.sharedmemory.core.SocketInUseException if a live main process serves the socket
     * @throws io.sharedmemory.core.InvalidSocketPathException if the socket cannot be used
     */
    @Override
    public void start() {
        if (this.running.compareAndSet(false, true)) {
            try {
                this.store.start();
            }
            catch (RuntimeException ex) {
                this.running.set(false);
                throw ex;
            }
            if (logger.isInfoEnabled()) {
                logger.info("Shared memory started as " + this.store.role().name().toLowerCase()
                        + " on " + this.store.endpoint());
            }
        }
    }

    /**
     * Closes the store; a main process removes its socket file.
     */
    @Override
    public void stop() {
        if (this.running.compareAndSet(true, false)) {
            this.store.close();
            logger.debug("Shared memory stopped");
        }
    }

    @Override
    public boolean isRunning() {
        return this.running.get();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
