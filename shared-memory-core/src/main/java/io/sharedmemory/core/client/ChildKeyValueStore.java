package io.sharedmemory.core.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sharedmemory.core.Role;
import io.sharedmemory.core.SharedMemoryException;
import io.sharedmemory.core.SharedMemorySettings;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.SharedMemoryUnavailableException;
import io.sharedmemory.core.Subscription;
import io.sharedmemory.core.pubsub.ListenerDispatcher;
import io.sharedmemory.core.pubsub.ListenerTable;
import io.sharedmemory.core.pubsub.Reconnector;
import io.sharedmemory.core.wire.Opcodes;
import io.sharedmemory.core.wire.ValueCodec;

/**
 * The store of a child process: every call is a request to main over one shared connection,
 * answered or failed with {@link SharedMemoryUnavailableException} within the request
 * timeout. When main is absent or goes away, a background thread reconnects with backoff and
 * subscribes this child's listeners again.
 */
public final class ChildKeyValueStore implements SharedMemoryStore {

    private static final Logger logger = LoggerFactory.getLogger(ChildKeyValueStore.class);

    private final SharedMemorySettings settings;

    private final ValueCodec codec;

    private final ListenerDispatcher dispatcher;

    private final ListenerTable subscriptions;

    private final Reconnector reconnector;

    /** Guards the subscription table against a reconnect that is restoring it. */
    private final Object subscriptionLock = new Object();

    private final RequestCaller caller;

    private volatile ClientConnection connection;

    private volatile boolean started;

    private volatile boolean closed;

    /**
     * Creates a child store; {@link #start()} connects.
     * @param settings the settings
     * @throws io.sharedmemory.core.InvalidSocketPathException if the socket path is too long
     */
    public ChildKeyValueStore(SharedMemorySettings settings) {
        settings.checkSocketPath();
        this.settings = settings;
        this.codec = new ValueCodec(settings.trustedPackages(), settings.classLoader());
        this.dispatcher = new ListenerDispatcher("shared-memory-listener",
                Math.max(2, Runtime.getRuntime().availableProcessors()), settings.maxPendingMessages());
        this.subscriptions = new ListenerTable(this.dispatcher, this.codec);
        this.reconnector = new Reconnector(this::connect, "shared-memory main at " + settings.socketPath(),
                "shared-memory-reconnect");
        this.caller = new RequestCaller(settings.requestTimeout());
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
                this.settings.requestTimeout().toMillis(), this.subscriptions::put, this::connectionClosed);
        fresh.start();
        try {
            synchronized (this.subscriptionLock) {
                for (String channel : this.subscriptions.channels()) {
                    call(fresh, Opcodes.SUBSCRIBE, (out) -> out.putString(channel));
                }
                for (String pattern : this.subscriptions.patterns()) {
                    call(fresh, Opcodes.PSUBSCRIBE, (out) -> out.putString(pattern));
                }
                if (!fresh.isOpen()) {
                    return false;
                }
                this.connection = fresh;
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
        boolean wasCurrent = false;
        synchronized (this.subscriptionLock) {
            if (this.connection == closedConnection) {
                this.connection = null;
                wasCurrent = true;
            }
        }
        if (wasCurrent && !this.closed) {
            logger.warn("Lost the connection to shared-memory main at {}; reconnecting", this.settings.socketPath());
            this.reconnector.reconnect();
        }
    }

    @Override
    public boolean isRunning() {
        return this.started && !this.closed;
    }

    @Override
    public boolean isAvailable() {
        ClientConnection current = this.connection;
        return current != null && current.isOpen() && !this.closed;
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
        set(key, value, 0);
    }

    @Override
    public void set(String key, Object value, Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        set(key, value, Math.max(1, ttl.toMillis()));
    }

    private void set(String key, Object value, long ttlMillis) {
        Objects.requireNonNull(key, "key");
        byte[] bytes = encode(value);
        call(Opcodes.SET, (out) -> out.putString(key).putLong(ttlMillis).putBytes(bytes));
    }

    @Override
    public Object get(String key) {
        Objects.requireNonNull(key, "key");
        byte[] bytes = call(Opcodes.GET, (out) -> out.putString(key)).value();
        return (bytes != null) ? this.codec.decode(bytes) : null;
    }

    @Override
    public boolean delete(String key) {
        Objects.requireNonNull(key, "key");
        return call(Opcodes.DELETE, (out) -> out.putString(key)).number() != 0;
    }

    @Override
    public Map<String, Object> getAll() {
        Map<String, byte[]> entries = call(Opcodes.GET_ALL, (out) -> { }).entries();
        Map<String, Object> values = new LinkedHashMap<>();
        entries.forEach((key, bytes) -> values.put(key, this.codec.decode(bytes)));
        return Map.copyOf(values);
    }

    @Override
    public Set<String> keys(String globPattern) {
        Objects.requireNonNull(globPattern, "globPattern");
        return Set.copyOf(call(Opcodes.KEYS, (out) -> out.putString(globPattern)).keys());
    }

    @Override
    public boolean setIfAbsent(String key, Object value) {
        Objects.requireNonNull(key, "key");
        byte[] bytes = encode(value);
        return call(Opcodes.SET_IF_ABSENT, (out) -> out.putString(key).putLong(0).putBytes(bytes)).number() != 0;
    }

    @Override
    public boolean compareAndSet(String key, Object expected, Object update) {
        Objects.requireNonNull(key, "key");
        byte[] expectedBytes = encode(Objects.requireNonNull(expected, "expected"));
        byte[] updateBytes = encode(update);
        return call(Opcodes.COMPARE_AND_SET,
                (out) -> out.putString(key).putBytes(expectedBytes).putBytes(updateBytes)).number() != 0;
    }

    @Override
    public long increment(String key, long delta) {
        Objects.requireNonNull(key, "key");
        return call(Opcodes.INCREMENT, (out) -> out.putString(key).putLong(delta)).number();
    }

    @Override
    public void publish(String channel, Object message) {
        Objects.requireNonNull(channel, "channel");
        byte[] bytes = encode(message);
        call(Opcodes.PUBLISH, (out) -> out.putString(channel).putBytes(bytes));
    }

    @Override
    public Subscription subscribe(String channel, Consumer<Object> listener) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(listener, "listener");
        return open(channel, false, (name, message) -> listener.accept(message));
    }

    @Override
    public Subscription subscribePattern(String globPattern, BiConsumer<String, Object> listener) {
        Objects.requireNonNull(globPattern, "globPattern");
        Objects.requireNonNull(listener, "listener");
        return open(globPattern, true, listener);
    }

    /**
     * Registers the listener here; main is told now if connected, else on (re)connect, so a
     * child can declare its listeners before main is up.
     */
    private Subscription open(String target, boolean pattern, BiConsumer<String, Object> listener) {
        ensureOpen();
        synchronized (this.subscriptionLock) {
            ListenerTable.Listener entry = this.subscriptions.add(target, pattern, listener, this::closeListener);
            ClientConnection current = this.connection;
            if (entry.first() && current != null) {
                try {
                    call(current, pattern ? Opcodes.PSUBSCRIBE : Opcodes.SUBSCRIBE, (out) -> out.putString(target));
                }
                catch (SharedMemoryUnavailableException ex) {
                    // The reconnect that follows a lost connection subscribes it again.
                    logger.warn("Could not subscribe to {} now ({}); it will be on reconnect", entry, ex.getMessage());
                }
            }
            return entry;
        }
    }

    private void closeListener(ListenerTable.Listener listener) {
        synchronized (this.subscriptionLock) {
            ClientConnection current = this.connection;
            if (this.subscriptions.remove(listener) && current != null && !this.closed) {
                try {
                    call(current, listener.pattern() ? Opcodes.PUNSUBSCRIBE : Opcodes.UNSUBSCRIBE,
                            (out) -> out.putString(listener.target()));
                }
                catch (SharedMemoryException ex) {
                    // Closing never throws; main forgets it anyway when this child disconnects.
                    logger.debug("Could not unsubscribe from {}: {}", listener, ex.getMessage());
                }
            }
        }
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
        // Reverse order of opening: the reconnect thread, the connection, then the listeners.
        this.reconnector.close();
        ClientConnection current = this.connection;
        if (current != null) {
            current.close(new SharedMemoryUnavailableException("the store was closed"));
        }
        this.dispatcher.close();
    }

    private byte[] encode(Object value) {
        Objects.requireNonNull(value, "value");
        return this.codec.encode(value);
    }

    private PendingCall call(byte opcode, RequestCaller.RequestBody body) {
        ensureOpen();
        ClientConnection current = this.connection;
        if (current == null) {
            throw new SharedMemoryUnavailableException("Not connected to shared-memory main at "
                    + this.settings.socketPath() + "; reconnecting in the background");
        }
        return call(current, opcode, body);
    }

    private PendingCall call(ClientConnection target, byte opcode, RequestCaller.RequestBody body) {
        return this.caller.call(target, opcode, body);
    }

    private void ensureOpen() {
        if (this.closed) {
            throw new SharedMemoryUnavailableException("The shared-memory store is closed");
        }
    }

}
