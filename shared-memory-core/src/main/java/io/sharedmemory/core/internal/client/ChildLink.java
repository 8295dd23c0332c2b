package io.sharedmemory.core.internal.client;

import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sharedmemory.core.SharedMemoryException;
import io.sharedmemory.core.SharedMemoryUnavailableException;
import io.sharedmemory.core.Subscription;
import io.sharedmemory.core.internal.protocol.PatternSubscribe;
import io.sharedmemory.core.internal.protocol.PatternUnsubscribe;
import io.sharedmemory.core.internal.protocol.Subscribe;
import io.sharedmemory.core.internal.protocol.Unsubscribe;
import io.sharedmemory.core.internal.pubsub.ListenerTable;

/**
 * A child's current connection to main and the subscriptions it must carry.
 * <p>
 * Invariant, kept under {@code lock}: the connection published as current is subscribed to
 * every channel and pattern of the table. A new connection is published only after all of
 * them were subscribed on it; a listener added meanwhile waits for the lock, then subscribes
 * on whatever is current. Main is told once per channel or pattern, however many listeners
 * share it.
 */
final class ChildLink {

    private static final Logger logger = LoggerFactory.getLogger(ChildLink.class);

    private final ListenerTable table;

    private final RequestCaller caller;

    private final Object lock = new Object();

    private volatile ClientConnection connection;

    private volatile boolean closed;

    ChildLink(ListenerTable table, RequestCaller caller) {
        this.table = table;
        this.caller = caller;
    }

    /** The connection calls go to, or {@code null} while there is none. */
    ClientConnection current() {
        return this.connection;
    }

    /**
     * Subscribes a fresh connection to everything the table holds, then makes it current.
     * @return {@code false} if it closed meanwhile
     * @throws SharedMemoryException if main refused or did not answer a subscription
     */
    boolean attach(ClientConnection fresh) {
        synchronized (this.lock) {
            for (String channel : this.table.channels()) {
                this.caller.call(fresh, new Subscribe(channel));
            }
            for (String pattern : this.table.patterns()) {
                this.caller.call(fresh, new PatternSubscribe(pattern));
            }
            if (!fresh.isOpen()) {
                return false;
            }
            this.connection = fresh;
            return true;
        }
    }

    /**
     * Forgets a connection that closed.
     * @return {@code true} if it was the current one, so a new one is needed
     */
    boolean detach(ClientConnection lost) {
        synchronized (this.lock) {
            if (this.connection != lost) {
                return false;
            }
            this.connection = null;
            return true;
        }
    }

    /** Adds a listener; main is told now if connected, else when the next connection is attached. */
    Subscription open(String target, boolean pattern, BiConsumer<String, Object> listener) {
        synchronized (this.lock) {
            ListenerTable.Listener entry = this.table.add(target, pattern, listener, this::close);
            ClientConnection current = this.connection;
            if (entry.first() && current != null) {
                try {
                    this.caller.call(current, pattern ? new PatternSubscribe(target) : new Subscribe(target));
                }
                catch (SharedMemoryUnavailableException ex) {
                    // The reconnect that follows a lost connection subscribes it again.
                    logger.warn("Could not subscribe to {} now ({}); it will be on reconnect", entry, ex.getMessage());
                }
            }
            return entry;
        }
    }

    private void close(ListenerTable.Listener listener) {
        synchronized (this.lock) {
            ClientConnection current = this.connection;
            if (this.table.remove(listener) && current != null && !this.closed) {
                try {
                    this.caller.call(current, listener.pattern() ? new PatternUnsubscribe(listener.target())
                            : new Unsubscribe(listener.target()));
                }
                catch (SharedMemoryException ex) {
                    // Closing never throws; main forgets it anyway when this child disconnects.
                    logger.debug("Could not unsubscribe from {}: {}", listener, ex.getMessage());
                }
            }
        }
    }

    /** From now on, closing a listener tells main nothing (the store is closing). */
    void close() {
        this.closed = true;
    }
}
