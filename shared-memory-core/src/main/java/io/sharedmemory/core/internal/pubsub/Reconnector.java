package io.sharedmemory.core.internal.pubsub;

import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a connection up: a named thread that tries to connect with exponential backoff
 * (50 ms doubling to 1 s) whenever the connection is missing, and sleeps otherwise. A child uses
 * it for its socket to main, a Redis client for its connections to Redis.
 */
public final class Reconnector {

    private static final Logger logger = LoggerFactory.getLogger(Reconnector.class);

    private static final long FIRST_DELAY_MILLIS = 50;

    private static final long MAX_DELAY_MILLIS = 1000;

    private final Callable<Boolean> attempt;

    private final String target;

    private final String threadName;

    private final Object monitor = new Object();

    private boolean wanted;

    private volatile boolean closed;

    /** Why the last attempt failed; {@code null} after one succeeded. */
    private volatile String lastFailure;

    private Thread thread;

    /**
     * Creates a reconnector; {@link #start()} starts its thread.
     * @param attempt one try: {@code true} once connected
     * @param target what it connects to, for logs
     * @param threadName the name of its thread
     */
    public Reconnector(Callable<Boolean> attempt, String target, String threadName) {
        this.attempt = attempt;
        this.target = target;
        this.threadName = threadName;
    }

    /** Tries once now, on the caller's thread, then keeps trying in the background. */
    public void start() {
        boolean connected = tryOnce(true);
        synchronized (this.monitor) {
            // A connection lost meanwhile has already set wanted; never clear it here.
            this.wanted |= !connected;
        }
        if (!connected) {
            logger.info("{} is not reachable yet; retrying in the background", this.target);
        }
        this.thread = new Thread(this::run, this.threadName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Asks for a new connection. */
    public void reconnect() {
        synchronized (this.monitor) {
            this.wanted = true;
            this.monitor.notifyAll();
        }
    }

    private void run() {
        long delay = FIRST_DELAY_MILLIS;
        while (!this.closed) {
            try {
                synchronized (this.monitor) {
                    while (!this.wanted && !this.closed) {
                        this.monitor.wait();
                    }
                    if (this.closed) {
                        return;
                    }
                    this.wanted = false;
                }
                while (!this.closed && !tryOnce(false)) {
                    Thread.sleep(delay);
                    delay = Math.min(delay * 2, MAX_DELAY_MILLIS);
                }
                delay = FIRST_DELAY_MILLIS;
            }
            catch (InterruptedException ex) {
                return;
            }
        }
    }

    private boolean tryOnce(boolean first) {
        try {
            boolean connected = Boolean.TRUE.equals(this.attempt.call());
            this.lastFailure = connected ? null : "not connected yet";
            return connected;
        }
        catch (Exception ex) {
            this.lastFailure = ex.toString();
            if (first) {
                logger.debug("Connecting to {} failed: {}", this.target, ex.toString());
            }
            else {
                logger.trace("Connecting to {} failed: {}", this.target, ex.toString());
            }
            return false;
        }
    }

    /**
     * Why the last attempt to connect failed.
     * @return the failure, or {@code null} if the last attempt succeeded or none was made
     */
    public String lastFailure() {
        return this.lastFailure;
    }

    /** Stops the thread and waits briefly for it. */
    public void close() {
        synchronized (this.monitor) {
            this.closed = true;
            this.monitor.notifyAll();
        }
        Thread current = this.thread;
        if (current != null) {
            current.interrupt();
            try {
                current.join(2000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
