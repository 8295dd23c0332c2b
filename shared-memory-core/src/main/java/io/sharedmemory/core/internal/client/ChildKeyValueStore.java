package io.sharedmemory.core.internal.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sharedmemory.core.KeyEvent;
import io.sharedmemory.core.AsyncKeyValueStore;
import io.sharedmemory.core.Role;
import io.sharedmemory.core.SharedMemorySettings;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.SharedMemoryUnavailableException;
import io.sharedmemory.core.StoreObserver;
import io.sharedmemory.core.internal.ObservedCalls;
import io.sharedmemory.core.Subscription;
import io.sharedmemory.core.internal.codec.ValueCodec;
import io.sharedmemory.core.internal.nearcache.InvalidationListener;
import io.sharedmemory.core.internal.nearcache.InvalidationSource;
import io.sharedmemory.core.internal.protocol.KeyEventPush;
import io.sharedmemory.core.internal.store.GlobPattern;
import io.sharedmemory.core.internal.pubsub.ListenerDispatcher;
import io.sharedmemory.core.internal.pubsub.ListenerTable;
import io.sharedmemory.core.internal.protocol.Request;
import io.sharedmemory.core.internal.pubsub.NamedThreadFactory;
import io.sharedmemory.core.internal.protocol.Requests;
import io.sharedmemory.core.internal.pubsub.Reconnector;

/**
 * The store of a child process: every call is a request to main over one shared connection,
 * answered or failed with {@link SharedMemoryUnavailableException} within the request
 * timeout. When main is absent or goes away, a background thread reconnects with backoff and
 * subscribes this child's listeners (and watches) again. As an {@link InvalidationSource}, it
 * feeds a near cache with main's key-only change pushes.
 */
public final class ChildKeyValueStore implements SharedMemoryStore, InvalidationSource {

    private static final Logger logger = LoggerFactory.getLogger(ChildKeyValueStore.class);

    private final SharedMemorySettings settings;

    private final ValueCodec codec;

    private final ListenerDispatcher dispatcher;

    private final ListenerTable subscriptions;

    private final WatchTable watches;

    private final ClientConnection.PushHandler pushes;

    private final Reconnector reconnector;

    private final ObservedCalls calls;


    private final RequestCaller caller;

    private final ChildCommands commands;

    private final ChildAsyncStore async = new ChildAsyncStore(this);

    /** Fails asynchronous calls at their deadline; its thread starts with the first such call. */
    private final ScheduledThreadPoolExecutor timeouts;

    private final ChildLink link;

    private volatile boolean started;

    private volatile boolean closed;

    /**
     * Creates a child store; {@link #start()} connects.
     * @param settings the settings
     * @throws io.sharedmemory.core.InvalidSocketPathException if the socket path is too long
     */
    public ChildKeyValueStore(SharedMemorySettings settings) {
        this(settings, StoreObserver.NONE);
    }

    /**
     * Creates a child store that tells an observer of its calls; {@link #start()} connects.
     * @param settings the settings
     * @param observer learns of calls, messages published and delivered, and lost connections
     */
    public ChildKeyValueStore(SharedMemorySettings settings, StoreObserver observer) {
        settings.checkSocketPath();
        this.settings = settings;
        this.calls = new ObservedCalls(Objects.requireNonNull(observer, "observer"));
        this.codec = new ValueCodec(settings.trustedPackages(), settings.classLoader());
        this.dispatcher = new ListenerDispatcher("shared-memory-listener",
                Math.max(2, Runtime.getRuntime().availableProcessors()), settings.maxPendingMessages(), observer);
        this.subscriptions = new ListenerTable(this.dispatcher, this.codec);
        this.watches = new WatchTable(this.dispatcher, this.codec);
        this.pushes = new ClientConnection.PushHandler() {
            @Override
            public void message(String channel, String pattern, byte[] payload) {
                ChildKeyValueStore.this.subscriptions.put(channel, pattern, payload);
            }

            @Override
            public void keyEvent(KeyEventPush event) {
                ChildKeyValueStore.this.watches.put(event);
            }
        };
        this.reconnector = new Reconnector(this::connect, "shared-memory main at " + settings.socketPath(),
                "shared-memory-reconnect");
        this.caller = new RequestCaller(settings.requestTimeout());
        this.link = new ChildLink(this.subscriptions, this.watches, this.caller);
        this.commands = new ChildCommands(this.codec);
        this.timeouts = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory("shared-memory-timeouts"));
        this.timeouts.setRemoveOnCancelPolicy(true);
    }

    @Override
    public synchronized void start() {
        if (this.closed) {
            throw new IllegalStateException("A closed store cannot be started again");
        }
        if (this.started) {
            return;
        }
        this.started = true;
        this.reconnector.start();
    }

    /** One attempt to connect, restore subscriptions, and publish the connection. */
    private boolean connect() throws Exception {
        if (this.closed) {
            return false;
        }
        ClientConnection fresh = ClientConnection.open(this.settings.socketPath(), this.settings.maxFrameSize(),
                this.settings.requestTimeout().toMillis(), this.pushes, this::connectionClosed);
        fresh.start();
        try {
            if (!this.link.attach(fresh)) {
                return false;
            }
        }
        catch (RuntimeException ex) {
            fresh.close(ex);
            throw ex;
        }
        if (this.closed) {
            fresh.close(new SharedMemoryUnavailableException("store closed"));
            return false;
        }
        logger.info("Connected to shared-memory main (pid {}) at {}", fresh.welcome().pid(),
                this.settings.socketPath());
        return true;
    }

    private void connectionClosed(ClientConnection closedConnection) {
        if (this.link.detach(closedConnection) && !this.closed) {
            logger.warn("Lost the connection to shared-memory main at {}; reconnecting", this.settings.socketPath());
            this.calls.observer().disconnected(StoreObserver.DisconnectReason.LOST);
            this.reconnector.reconnect();
        }
    }

    @Override
    public boolean isRunning() {
        return this.started && !this.closed;
    }

    @Override
    public boolean isAvailable() {
        ClientConnection current = this.link.current();
        return current != null && current.isOpen() && !this.closed;
    }

    /**
     * Why calls fail now, for health checks.
     * @return {@code null} while connected; else the store's state or the last failed attempt to reconnect
     */
    public String unavailableReason() {
        if (isAvailable()) {
            return null;
        }
        if (this.closed || !this.started) {
            return this.closed ? "the store is closed" : "the store is not started";
        }
        String failure = this.reconnector.lastFailure();
        return "not connected to main, reconnecting" + ((failure != null) ? ": " + failure : "");
    }

    @Override
    public String endpoint() {
        return socketPath().toString();
    }

    /**
     * The socket this store binds or connects to.
     * @return the socket path
     */
    public Path socketPath() {
        return this.settings.socketPath();
    }

    @Override
    public void set(String key, Object value) {
        run(this.commands.set(key, value, 0));
    }

    @Override
    public void set(String key, Object value, Duration ttl) {
        run(this.commands.set(key, value, ttl));
    }

    @Override
    public Object get(String key) {
        return run(this.commands.get(key));
    }

    @Override
    public boolean delete(String key) {
        return run(this.commands.delete(key));
    }

    @Override
    public Map<String, Object> getAll() {
        return run(this.commands.getAll());
    }

    @Override
    public Map<String, Object> getAll(Collection<String> keys) {
        return run(this.commands.getAll(keys));
    }

    @Override
    public void setAll(Map<String, ?> entries) {
        run(this.commands.setAll(entries));
    }

    @Override
    public Set<String> keys(String globPattern) {
        return run(this.commands.keys(globPattern));
    }

    @Override
    public boolean setIfAbsent(String key, Object value) {
        return run(this.commands.setIfAbsent(key, value));
    }

    @Override
    public boolean compareAndSet(String key, Object expected, Object update) {
        return run(this.commands.compareAndSet(key, expected, update));
    }

    @Override
    public long increment(String key, long delta) {
        return run(this.commands.increment(key, delta));
    }

    @Override
    public void publish(String channel, Object message) {
        run(this.commands.publish(channel, message));
        this.calls.observer().messagePublished();
    }

    @Override
    public AsyncKeyValueStore async() {
        return this.async;
    }

    @Override
    public Subscription subscribe(String channel, Consumer<Object> listener) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(listener, "listener");
        ensureOpen();
        return this.link.open(channel, false, (name, message) -> listener.accept(message));
    }

    @Override
    public Subscription subscribePattern(String globPattern, BiConsumer<String, Object> listener) {
        Objects.requireNonNull(globPattern, "globPattern");
        Objects.requireNonNull(listener, "listener");
        ensureOpen();
        return this.link.open(globPattern, true, listener);
    }

    @Override
    public Subscription watch(String keyPattern, Consumer<KeyEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        checkGlob(keyPattern);
        ensureOpen();
        return this.link.watch(keyPattern, listener);
    }

    /**
     * Tracks changes of the matching keys for a near cache, with pushes that carry keys only.
     * {@inheritDoc}
     */
    @Override
    public AutoCloseable track(List<String> globs, InvalidationListener listener) {
        Objects.requireNonNull(globs, "globs");
        Objects.requireNonNull(listener, "listener");
        if (globs.isEmpty()) {
            throw new IllegalArgumentException("Track at least one glob");
        }
        globs.forEach(ChildKeyValueStore::checkGlob);
        ensureOpen();
        return this.link.track(globs, listener);
    }

    private static void checkGlob(String glob) {
        Objects.requireNonNull(glob, "keyPattern");
        if (glob.isEmpty()) {
            throw new IllegalArgumentException("The key pattern must not be empty");
        }
        GlobPattern.compile(glob);
    }


    @Override
    public Role role() {
        return Role.CHILD;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (this.closed) {
                return;
            }
            this.closed = true;
        }
        // Reverse order of opening: the reconnect thread, the connection (which fails the calls in
        // flight), the timeouts of asynchronous calls, then the listeners.
        this.reconnector.close();
        this.link.close();
        ClientConnection current = this.link.current();
        if (current != null) {
            current.close(new SharedMemoryUnavailableException("the store was closed"));
        }
        this.timeouts.shutdownNow();
        this.dispatcher.close();
    }

    private <T> T run(ChildCommand<T> command) {
        return this.calls.call(Requests.operation(command.request()),
                () -> command.result().apply(this.caller.call(current(), command.request())));
    }

    ChildCommands commands() {
        return this.commands;
    }

    /** Sends a command without waiting; used by {@link #async()}. */
    <T> CompletableFuture<T> submit(ChildCommand<T> command) {
        return this.calls.callAsync(Requests.operation(command.request()),
                () -> this.caller.callAsync(current(), command.request(), this.timeouts).thenApply(command.result()));
    }

    private ClientConnection current() {
        ensureOpen();
        ClientConnection current = this.link.current();
        if (current == null) {
            throw new SharedMemoryUnavailableException("Not connected to shared-memory main at "
                    + this.settings.socketPath() + "; reconnecting in the background");
        }
        return current;
    }

    private void ensureOpen() {
        if (this.closed) {
            throw new SharedMemoryUnavailableException("The shared-memory store is closed");
        }
    }

}
