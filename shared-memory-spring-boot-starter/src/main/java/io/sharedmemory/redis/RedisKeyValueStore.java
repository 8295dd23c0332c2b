package io.sharedmemory.redis;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import java.util.Map;

import io.sharedmemory.core.KeyEvent;
import io.sharedmemory.core.AsyncKeyValueStore;
import io.sharedmemory.core.Role;
import io.sharedmemory.core.SharedMemorySettings;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.SharedMemoryUnavailableException;
import io.sharedmemory.core.StoreObserver;
import io.sharedmemory.core.Subscription;
import io.sharedmemory.core.internal.pubsub.ListenerDispatcher;
import io.sharedmemory.core.internal.pubsub.ListenerTable;
import io.sharedmemory.core.internal.codec.ValueCodec;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The store of a process in the {@link Role#REDIS} role: every process is an equal client of
 * one Redis (or Valkey) server, reached through Spring Data Redis's
 * {@link LettuceConnectionFactory} (Spring Boot's auto-configured one in an application), on
 * whatever it points at: standalone, Sentinel or Cluster.
 * <p>
 * Every operation keeps the contract of the other roles; docs/ROLES.md says per operation how
 * Redis decides it. Commands share the factory's native connection (Lettuce pipelines the calls
 * of all threads on it); pub/sub has a subscriber connection of its own. Every call is bounded
 * by the request timeout; while Redis is away calls fail at once with
 * {@link SharedMemoryUnavailableException}; Lettuce reconnects the command connection by itself,
 * and a lost subscriber connection is replaced and subscribed again. {@link #watch} has its own
 * costs and rules in this role (see there, and the README).
 * <pre>{@code
 * LettuceConnectionFactory factory = new LettuceConnectionFactory("localhost", 6379);
 * factory.start();
 * SharedMemoryStore store = new RedisKeyValueStore(SharedMemory.builder().settings(), "app:", factory);
 * store.start();
 * }</pre>
 */
public final class RedisKeyValueStore implements SharedMemoryStore {

    /**
     * How long a watching process's registration holds without renewal (it renews every third
     * of it): long enough that a watcher stalled by a pause of several seconds keeps it, short
     * enough that a process killed while watching leaves the other writers on the scripts for
     * half a minute only.
     */
    static final Duration WATCH_LEASE = Duration.ofSeconds(30);

    private final RedisNames names;

    private final RedisValues values;

    private final RedisCalls calls;

    private final ListenerDispatcher dispatcher;

    private final RedisSubscriber subscriber;

    private final RedisWatches watches;

    private final RedisWatcherPresence presence;

    private final RedisConnector connector;

    private final RedisAsyncStore async;

    private final String endpoint;

    private volatile boolean started;

    private volatile boolean closed;

    /**
     * Creates a store; {@link #start()} connects.
     * @param settings the request timeout, frame limit, listener queue bound and trusted packages
     *        (the socket path and allowed users do not apply)
     * @param keyPrefix prefixes every key and channel in Redis, so several applications can share it
     * @param connectionFactory the connection factory, started
     */
    public RedisKeyValueStore(SharedMemorySettings settings, String keyPrefix, LettuceConnectionFactory connectionFactory) {
        this(settings, keyPrefix, connectionFactory, StoreObserver.NONE);
    }

    /**
     * Creates a store that tells an observer of its calls; {@link #start()} connects.
     * @param settings the request timeout, frame limit, listener queue bound and trusted packages
     * @param keyPrefix prefixes every key and channel in Redis
     * @param connectionFactory the connection factory, started
     * @param observer learns of calls and of messages published and delivered
     */
    public RedisKeyValueStore(SharedMemorySettings settings, String keyPrefix, LettuceConnectionFactory connectionFactory,
            StoreObserver observer) {
        this(settings, keyPrefix, connectionFactory, observer, WATCH_LEASE);
    }

    /** As the public constructor, with the lease of watch registrations (short in tests). */
    RedisKeyValueStore(SharedMemorySettings settings, String keyPrefix, LettuceConnectionFactory connectionFactory,
            StoreObserver observer, Duration watchLease) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(connectionFactory, "connectionFactory");
        this.endpoint = RedisConnector.describe(connectionFactory);
        this.names = new RedisNames(keyPrefix);
        ValueCodec codec = new ValueCodec(settings.trustedPackages(), settings.classLoader());
        this.values = new RedisValues(codec, settings.maxFrameSize());
        this.calls = new RedisCalls(settings.requestTimeout(), this.endpoint);
        this.dispatcher = new ListenerDispatcher("shared-memory-listener",
                Math.max(2, Runtime.getRuntime().availableProcessors()), settings.maxPendingMessages(), observer);
        this.connector = new RedisConnector(connectionFactory, this.calls, this.endpoint);
        RedisWatchChannels watchChannels = new RedisWatchChannels(keyPrefix, connectionFactory.getDatabase());
        RedisWatcherPresence presence = new RedisWatcherPresence();
        this.presence = presence;
        this.watches = new RedisWatches(this.names, watchChannels, this.values, this.calls, this.dispatcher, presence,
                watchLease);
        this.subscriber = new RedisSubscriber(this.names, new ListenerTable(this.dispatcher, codec), this.calls,
                this.connector::reconnect, watchChannels, this.watches);
        this.connector.subscribeWith(this.subscriber);
        this.async = new RedisAsyncStore(new RedisKeyOperations(this.names, this.values, this.calls, presence,
                watchChannels, connectionFactory.isClusterAware()), this.names, this.values, this.calls,
                this::ensureOpen, observer);
    }

    @Override
    public synchronized void start() {
        if (this.closed) {
            throw new IllegalStateException("A closed store cannot be started again");
        }
        if (!this.started) {
            this.started = true;
            this.connector.start();
        }
    }

    @Override
    public boolean isRunning() {
        return this.started && !this.closed;
    }

    @Override
    public boolean isAvailable() {
        return isRunning() && this.calls.isConnected();
    }

    @Override
    public String endpoint() {
        return this.endpoint;
    }

    /**
     * Asks Redis for a {@code PING}, within the request timeout, for health checks.
     * @return how long the answer took
     * @throws io.sharedmemory.core.SharedMemoryUnavailableException if Redis did not answer in time
     */
    public Duration ping() {
        ensureOpen();
        long start = System.nanoTime();
        this.calls.join(this.calls.submit((commands) -> commands.ping(), this.calls.deadline()));
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * The prefix of every key and channel in Redis.
     * @return the prefix, such as {@code shared-memory:}
     */
    public String keyPrefix() {
        return this.names.prefix();
    }

    @Override
    public void set(String key, Object value) {
        this.calls.join(this.async.set(key, value));
    }

    @Override
    public void set(String key, Object value, Duration ttl) {
        this.calls.join(this.async.set(key, value, ttl));
    }

    @Override
    public Object get(String key) {
        return this.calls.join(this.async.get(key));
    }

    @Override
    public boolean delete(String key) {
        return this.calls.join(this.async.delete(key));
    }

    @Override
    public Map<String, Object> getAll() {
        return this.calls.join(this.async.getAll());
    }

    @Override
    public Map<String, Object> getAll(Collection<String> keys) {
        return this.calls.join(this.async.getAll(keys));
    }

    @Override
    public void setAll(Map<String, ?> entries) {
        this.calls.join(this.async.setAll(entries));
    }

    @Override
    public Set<String> keys(String globPattern) {
        return this.calls.join(this.async.keys(globPattern));
    }

    @Override
    public boolean setIfAbsent(String key, Object value) {
        return this.calls.join(this.async.setIfAbsent(key, value));
    }

    @Override
    public boolean compareAndSet(String key, Object expected, Object update) {
        return this.calls.join(this.async.compareAndSet(key, expected, update));
    }

    @Override
    public long increment(String key, long delta) {
        return this.calls.join(this.async.increment(key, delta));
    }

    @Override
    public void publish(String channel, Object message) {
        this.calls.join(this.async.publish(channel, message));
    }

    /**
     * The asynchronous view: Lettuce pipelines its commands on the shared connection, and each
     * future completes on Lettuce's I/O thread.
     */
    @Override
    public AsyncKeyValueStore async() {
        return this.async;
    }

    @Override
    public Subscription subscribe(String channel, Consumer<Object> listener) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(listener, "listener");
        ensureOpen();
        return this.subscriber.open(channel, false, (name, message) -> listener.accept(message));
    }

    @Override
    public Subscription subscribePattern(String globPattern, BiConsumer<String, Object> listener) {
        Objects.requireNonNull(globPattern, "globPattern");
        Objects.requireNonNull(listener, "listener");
        ensureOpen();
        return this.subscriber.open(globPattern, true, listener);
    }

    /**
     * Watches the keys that match a glob, in every process that shares this Redis and key prefix.
     * <p>
     * While any process watches, every write of every process goes through a Lua script that
     * applies it and publishes the change with its old and new values in one step, so events
     * come per key in the order Redis applied the writes; when no process watches, writes are
     * the plain commands. If connected, this returns once every connected process has switched
     * (a handshake of one round trip through Redis per process); if not, the watch starts
     * when the connection is made.
     * <p>
     * An {@link KeyEvent.Type#EXPIRE} comes from Redis's notification of expired keys (this
     * sets {@code notify-keyspace-events} to include {@code Ex}); Redis no longer has the value
     * then, so its {@link KeyEvent#oldValue()} is {@code null} in this role. Events are
     * at-most-once: those published while this process's subscriber connection is down are lost.
     * @throws io.sharedmemory.core.SharedMemoryException if Redis refuses to notify expired keys
     *         (the message names {@code notify-keyspace-events}), or not every process confirmed
     *         the watch within the request timeout
     */
    @Override
    public Subscription watch(String keyPattern, Consumer<KeyEvent> listener) {
        Objects.requireNonNull(keyPattern, "keyPattern");
        Objects.requireNonNull(listener, "listener");
        ensureOpen();
        return this.watches.open(keyPattern, listener);
    }

    /** Tells whether this process's writes are the plain commands now (no process known to watch). */
    boolean writesArePlain() {
        return this.presence.isPlain();
    }

    @Override
    public Role role() {
        return Role.REDIS;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (this.closed) {
                return;
            }
            this.closed = true;
        }
        // Reverse order of opening: the watch registration (it needs the command connection), the
        // connector's thread, the subscriber, the connection, the listeners.
        this.watches.close();
        this.connector.close();
        this.dispatcher.close();
    }

    private void ensureOpen() {
        if (this.closed) {
            throw new SharedMemoryUnavailableException("The shared-memory store is closed");
        }
    }
}
