package io.sharedmemory.core.internal.client;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sharedmemory.core.KeyEvent;
import io.sharedmemory.core.SharedMemoryException;
import io.sharedmemory.core.SharedMemoryUnavailableException;
import io.sharedmemory.core.Subscription;
import io.sharedmemory.core.internal.protocol.PatternSubscribe;
import io.sharedmemory.core.internal.protocol.PatternUnsubscribe;
import io.sharedmemory.core.internal.protocol.Subscribe;
import io.sharedmemory.core.internal.nearcache.InvalidationListener;
import io.sharedmemory.core.internal.protocol.Unsubscribe;
import io.sharedmemory.core.internal.protocol.Unwatch;
import io.sharedmemory.core.internal.protocol.Watch;
import io.sharedmemory.core.internal.pubsub.ListenerTable;

/**
 * A child's current connection to main and the subscriptions it must carry.
 * <p>
 * Invariant, kept under {@code lock}: the connection published as current is subscribed to
 * every channel and pattern of the table. A new connection is published only after all of
 * them were subscribed on it; a listener added meanwhile waits for the lock, then subscribes
 * on whatever is current. Main is told once per channel or pattern, however many listeners
 * share it.
 * <p>
 * The same holds for the watches of the {@link WatchTable}: {@code watched} is what main holds
 * for the current connection (glob to values flag), and after every change of the table, under
 * the lock, main is told the difference. Near-cache trackers are told {@code live} once main holds
 * all their globs on the current connection, and {@code lost} when that connection goes.
 */
final class ChildLink {

    private static final Logger logger = LoggerFactory.getLogger(ChildLink.class);

    private final ListenerTable table;

    private final RequestCaller caller;

    private final WatchTable watches;

    private final Object lock = new Object();

    /** What main holds for the current connection: glob to whether its pushes carry values. Under {@code lock}. */
    private final Map<String, Boolean> watched = new HashMap<>();

    private volatile ClientConnection connection;

    private volatile boolean closed;

    ChildLink(ListenerTable table, WatchTable watches, RequestCaller caller) {
        this.table = table;
        this.watches = watches;
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
            Map<String, Boolean> registrations = this.watches.registrations();
            registrations.forEach((glob, withValues) -> this.caller.call(fresh, new Watch(glob, withValues)));
            if (!fresh.isOpen()) {
                return false;
            }
            this.watched.clear();
            this.watched.putAll(registrations);
            this.connection = fresh;
            this.watches.live();
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
            this.watched.clear();
            this.watches.lost();
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

    /** Adds a watch; main is told now if connected (and the glob is new to it), else on the next attach. */
    Subscription watch(String glob, Consumer<KeyEvent> listener) {
        synchronized (this.lock) {
            WatchTable.ValueWatch watch = this.watches.addWatch(glob, listener, this::close);
            sync(glob);
            return watch;
        }
    }

    /** Starts a near cache's tracking: live at once if main took every glob now, else on the next attach. */
    AutoCloseable track(List<String> globs, InvalidationListener listener) {
        synchronized (this.lock) {
            WatchTable.Tracker tracker = this.watches.addTracker(globs, listener);
            boolean all = true;
            for (String glob : tracker.globs()) {
                all &= sync(glob);
            }
            if (all && this.connection != null) {
                tracker.live();
            }
            return () -> {
                synchronized (this.lock) {
                    this.watches.removeTracker(tracker);
                    for (String glob : tracker.globs()) {
                        sync(glob);
                    }
                }
            };
        }
    }

    private void close(WatchTable.ValueWatch watch) {
        synchronized (this.lock) {
            this.watches.removeWatch(watch);
            sync(watch.glob());
        }
    }

    /**
     * Tells main what the table needs for a glob now, if that differs from what it holds.
     * @return {@code true} if main holds it now (or nothing is to be held)
     */
    private boolean sync(String glob) {
        Boolean wanted = this.watches.registration(glob);
        ClientConnection current = this.connection;
        if (current == null || this.closed || Objects.equals(wanted, this.watched.get(glob))) {
            return current != null && !this.closed;
        }
        try {
            this.caller.call(current, (wanted != null) ? new Watch(glob, wanted) : new Unwatch(glob));
            if (wanted != null) {
                this.watched.put(glob, wanted);
            }
            else {
                this.watched.remove(glob);
            }
            return true;
        }
        catch (SharedMemoryException ex) {
            // The reconnect that follows a lost connection watches it again; closing never throws.
            logger.warn("Could not tell main of the watch of {} now ({}); it will be on reconnect", glob,
                    ex.getMessage());
            return false;
        }
    }

    /** From now on, closing a listener tells main nothing (the store is closing). */
    void close() {
        this.closed = true;
    }
}
