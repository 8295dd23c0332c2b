package io.sharedmemory.core.internal.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.sharedmemory.core.KeyEvent;
import io.sharedmemory.core.AsyncKeyValueStore;
import io.sharedmemory.core.Role;
import io.sharedmemory.core.SharedMemorySettings;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.SharedMemoryUnavailableException;
import io.sharedmemory.core.StoreObserver;
import io.sharedmemory.core.Subscription;
import io.sharedmemory.core.internal.persistence.Durability;
import io.sharedmemory.core.internal.persistence.Persistence;
import io.sharedmemory.core.internal.pubsub.ListenerDispatcher;
import io.sharedmemory.core.internal.store.GlobPattern;
import io.sharedmemory.core.internal.store.InMemoryStore;
import io.sharedmemory.core.internal.store.Snapshot;
import io.sharedmemory.core.internal.store.StoredValue;
import io.sharedmemory.core.internal.store.TimeToLive;
import io.sharedmemory.core.internal.codec.ValueCodec;

/**
 * The store of the main process: it owns the data, serves children over the socket, and
 * answers its own calls straight from memory, with no socket in between. Values are kept
 * encoded, so what main hands out is always a copy (immutable values are decoded once and
 * shared).
 */
public final class MainKeyValueStore implements SharedMemoryStore {

    private final SharedMemorySettings settings;

    private final ValueCodec codec;

    private final InMemoryStore store;

    private final MessageRouter router = new MessageRouter();

    private final WatchRouter watchRouter;

    private final ListenerDispatcher dispatcher;

    private final DroppedMessages dropped;

    private final Object lifecycleMonitor = new Object();

    private final AsyncKeyValueStore async = new ImmediateAsyncStore(this);

    private final StoreObserver observer;

    private final Persistence persistence;

    /** What a write's acknowledgement waits for; set by {@link #start()} once the log is open. */
    private volatile Durability durability = Durability.NONE;

    /** Whether writes must wait for {@link #start()}: with persistence, only writes after the restore are kept. */
    private final boolean persists;

    private volatile boolean restored;

    private volatile SocketServer server;

    private volatile boolean closed;

    /**
     * Creates a main store; {@link #start()} binds the socket.
     * @param settings the settings
     * @throws io.sharedmemory.core.InvalidSocketPathException if the socket path is too long
     */
    public MainKeyValueStore(SharedMemorySettings settings) {
        this(settings, StoreObserver.NONE);
    }

    /**
     * Creates a main store that tells an observer what it serves; {@link #start()} binds the socket.
     * @param settings the settings
     * @param observer learns of requests served, messages published and delivered, children lost
     * @throws io.sharedmemory.core.InvalidSocketPathException if the socket path is too long
     */
    public MainKeyValueStore(SharedMemorySettings settings, StoreObserver observer) {
        settings.checkSocketPath();
        this.observer = Objects.requireNonNull(observer, "observer");
        this.settings = settings;
        this.codec = new ValueCodec(settings.trustedPackages(), settings.classLoader());
        this.store = new InMemoryStore(this.codec);
        this.watchRouter = new WatchRouter(this.store);
        this.persistence = Persistence.create(settings.persistence(), this.store, settings.requestTimeout());
        this.persists = settings.persistence().mode() != io.sharedmemory.core.PersistenceSettings.Mode.NONE;
        this.dispatcher = new ListenerDispatcher("shared-memory-listener",
                Math.max(2, Runtime.getRuntime().availableProcessors()), settings.maxPendingMessages(), observer);
        this.dropped = new DroppedMessages(settings.maxPendingMessages(), System::nanoTime);
    }

    @Override
    public void start() {
        synchronized (this.lifecycleMonitor) {
            if (this.closed) {
                throw new IllegalStateException("A closed store cannot be started again");
            }
            if (this.server != null) {
                return;
            }
            // Restored before the socket is bound, so no child ever sees the store half loaded.
            this.persistence.open();
            this.durability = this.persistence.durability();
            this.restored = true;
            this.store.start();
            try {
                this.server = SocketServer.start(this.settings, this.store, this.router, this.watchRouter, this.codec,
                        this.observer, this.durability);
            }
            catch (RuntimeException ex) {
                this.store.close();
                this.persistence.close();
                throw ex;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return this.server != null && !this.closed;
    }

    @Override
    public boolean isAvailable() {
        return isRunning();
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
        SocketServer current = this.server;
        return (current != null) ? current.path() : this.settings.socketPath();
    }

    @Override
    public void set(String key, Object value) {
        Objects.requireNonNull(key, "key");
        this.store.set(key, encode(value), 0);
        this.durability.awaitOwnWrites();
    }

    @Override
    public void set(String key, Object value, Duration ttl) {
        Objects.requireNonNull(key, "key");
        this.store.set(key, encode(value), TimeToLive.millis(ttl));
        this.durability.awaitOwnWrites();
    }

    @Override
    public Object get(String key) {
        Objects.requireNonNull(key, "key");
        ensureOpen();
        return decode(this.store.get(key));
    }

    @Override
    public boolean delete(String key) {
        Objects.requireNonNull(key, "key");
        ensureWritable();
        boolean deleted = this.store.delete(key);
        this.durability.awaitOwnWrites();
        return deleted;
    }

    @Override
    public Map<String, Object> getAll() {
        ensureOpen();
        return decodeAll(this.store.snapshot());
    }

    @Override
    public Map<String, Object> getAll(Collection<String> keys) {
        Objects.requireNonNull(keys, "keys");
        ensureOpen();
        return decodeAll(this.store.getMany(keys));
    }

    @Override
    public void setAll(Map<String, ?> entries) {
        Objects.requireNonNull(entries, "entries");
        Map<String, StoredValue> values = new LinkedHashMap<>();
        entries.forEach((key, value) -> values.put(Objects.requireNonNull(key, "key"), encode(value)));
        this.store.setMany(values);
        this.durability.awaitOwnWrites();
    }

    @Override
    public AsyncKeyValueStore async() {
        return this.async;
    }

    @Override
    public Set<String> keys(String globPattern) {
        Objects.requireNonNull(globPattern, "globPattern");
        ensureOpen();
        return Set.copyOf(new LinkedHashSet<>(this.store.keys(GlobPattern.compile(globPattern))));
    }

    @Override
    public boolean setIfAbsent(String key, Object value) {
        Objects.requireNonNull(key, "key");
        boolean stored = this.store.setIfAbsent(key, encode(value), 0);
        this.durability.awaitOwnWrites();
        return stored;
    }

    @Override
    public boolean compareAndSet(String key, Object expected, Object update) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expected, "expected");
        boolean replaced = this.store.compareAndSet(key, this.codec.encode(expected), encode(update));
        this.durability.awaitOwnWrites();
        return replaced;
    }

    @Override
    public long increment(String key, long delta) {
        Objects.requireNonNull(key, "key");
        ensureWritable();
        long result = this.store.increment(key, delta);
        this.durability.awaitOwnWrites();
        return result;
    }

    @Override
    public void publish(String channel, Object message) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(message, "message");
        ensureOpen();
        this.router.publish(channel, this.codec.encode(message));
        this.observer.messagePublished();
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

    @Override
    public Subscription watch(String keyPattern, Consumer<KeyEvent> listener) {
        Objects.requireNonNull(keyPattern, "keyPattern");
        Objects.requireNonNull(listener, "listener");
        ensureOpen();
        LocalWatch watch = new LocalWatch(keyPattern, listener, this.dispatcher.newQueue("watch " + keyPattern),
                this.codec, this.watchRouter, this.dropped);
        watch.open();
        return watch;
    }

    private Subscription open(String target, boolean pattern, BiConsumer<String, Object> listener) {
        ensureOpen();
        LocalSubscription subscription = new LocalSubscription(target, pattern, listener,
                this.dispatcher.newQueue((pattern ? "pattern " : "channel ") + target), this.codec, this.router,
                this.dropped);
        subscription.open();
        return subscription;
    }

    @Override
    public Role role() {
        return Role.MAIN;
    }

    /**
     * How many children are connected now.
     * @return the count
     */
    public int connectedChildren() {
        SocketServer current = this.server;
        return (current != null) ? current.connectionCount() : 0;
    }

    /**
     * The connected children that have finished their handshake.
     * @return one entry per child, by connection number
     */
    public List<ConnectedChild> children() {
        SocketServer current = this.server;
        return (current != null) ? current.children() : List.of();
    }

    /**
     * How many live keys the store holds (expired ones are not counted).
     * @return the count
     */
    public int size() {
        return this.store.size();
    }

    /**
     * How many channel and pattern subscriptions main holds, its own and its children's.
     * @return the count
     */
    public int subscriptionCount() {
        return this.router.subscriptionCount();
    }

    /**
     * How many key watches main holds, its own and its children's.
     * @return the count
     */
    public int watchCount() {
        return this.watchRouter.watchCount();
    }

    /**
     * How many messages main's own listeners have lost: they were {@code max-pending-messages}
     * behind, across all of main's subscriptions, and main drops rather than makes the publisher
     * wait. Each drop is also logged (at most one line every 10 s, with the total). Children are
     * never counted here: a child that falls behind is cut off and reconnects.
     * @return the count since this store was created
     */
    public long droppedMessages() {
        return this.dropped.total();
    }

    @Override
    public void close() {
        synchronized (this.lifecycleMonitor) {
            if (this.closed) {
                return;
            }
            this.closed = true;
            // Reverse order of opening: the socket, then listeners, the expiry thread, persistence last
            // (after the socket, so its last snapshot or log tail has every write a child made).
            SocketServer current = this.server;
            if (current != null) {
                current.close();
            }
            this.dispatcher.close();
            this.dropped.flush();
            this.store.close();
            this.persistence.close();
        }
    }

    private StoredValue encode(Object value) {
        Objects.requireNonNull(value, "value");
        ensureWritable();
        return StoredValue.of(this.codec.encode(value), value);
    }

    private Map<String, Object> decodeAll(Snapshot snapshot) {
        Map<String, Object> copy = new HashMap<>(Math.max(16, snapshot.size() * 4 / 3 + 1));
        for (int i = 0; i < snapshot.size(); i++) {
            copy.put(snapshot.key(i), decode(snapshot.value(i)));
        }
        return Map.copyOf(copy);
    }

    private Object decode(StoredValue value) {
        if (value == null) {
            return null;
        }
        Object cached = value.cachedValue();
        if (cached != null) {
            return cached;
        }
        Object decoded = this.codec.decode(value.bytes());
        value.cache(decoded);
        return decoded;
    }

    /**
     * A write before {@link #start()} would be neither logged nor kept (the restore replaces it),
     * so with persistence it is refused rather than acknowledged.
     */
    private void ensureWritable() {
        ensureOpen();
        if (this.persists && !this.restored) {
            throw new IllegalStateException("With persistence, main takes writes only once start() has restored "
                    + this.settings.persistence().directory());
        }
    }

    private void ensureOpen() {
        if (this.closed) {
            throw new SharedMemoryUnavailableException("The shared-memory store is closed");
        }
    }
}
