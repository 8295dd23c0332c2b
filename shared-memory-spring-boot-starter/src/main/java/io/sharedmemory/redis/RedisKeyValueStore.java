package io.sharedmemory.redis;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import java.util.Map;

import io.sharedmemory.core.Role;
import io.sharedmemory.core.SharedMemorySettings;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.SharedMemoryUnavailableException;
import io.sharedmemory.core.Subscription;
import io.sharedmemory.core.pubsub.ListenerDispatcher;
import io.sharedmemory.core.pubsub.ListenerTable;
import io.sharedmemory.core.wire.ValueCodec;

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
 * {@link SharedMemoryUnavailableException}, and Lettuce reconnects and resubscribes by itself.
 * <pre>{@code
 * LettuceConnectionFactory factory = new LettuceConnectionFactory("localhost", 6379);
 * factory.start();
 * SharedMemoryStore store = new RedisKeyValueStore(SharedMemory.builder().settings(), "app:", factory);
 * store.start();
 * }</pre>
 */
public final class RedisKeyValueStore implements SharedMemoryStore {

    private final RedisNames names;

    private final RedisValues values;

    private final RedisCalls calls;

    private final ListenerDispatcher dispatcher;

    private final RedisSubscriber subscriber;

    private final RedisConnector connector;

    private final RedisKeyOperations keys;

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
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(connectionFactory, "connectionFactory");
        this.endpoint = RedisConnector.describe(connectionFactory);
        this.names = new RedisNames(keyPrefix);
        ValueCodec codec = new ValueCodec(settings.trustedPackages(), settings.classLoader());
        this.values = new RedisValues(codec, settings.maxFrameSize());
        this.calls = new RedisCalls(settings.requestTimeout(), this.endpoint);
        this.dispatcher = new ListenerDispatcher("shared-memory-listener",
                Math.max(2, Runtime.getRuntime().availableProcessors()), settings.maxPendingMessages());
        this.connector = new RedisConnector(connectionFactory, this.calls, this.endpoint);
        this.subscriber = new RedisSubscriber(this.names, new ListenerTable(this.dispatcher, codec), this.calls,
                this.connector::reconnect);
        this.connector.subscribeWith(this.subscriber);
        this.keys = new RedisKeyOperations(this.names, this.values, this.calls);
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
     * The prefix of every key and channel in Redis.
     * @return the prefix, such as {@code shared-memory:}
     */
    public String keyPrefix() {
        return this.names.prefix();
    }

    @Override
    public void set(String key, Object value) {
        ensureOpen();
        this.keys.set(key, value, 0);
    }

    @Override
    public void set(String key, Object value, Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        ensureOpen();
        // Sub-millisecond TTLs round up: a key must never live forever by accident.
        this.keys.set(key, value, Math.max(1, ttl.toMillis()));
    }

    @Override
    public Object get(String key) {
        ensureOpen();
        return this.keys.get(key);
    }

    @Override
    public boolean delete(String key) {
        ensureOpen();
        return this.keys.delete(key);
    }

    @Override
    public Map<String, Object> getAll() {
        ensureOpen();
        return this.keys.getAll();
    }

    @Override
    public Set<String> keys(String globPattern) {
        ensureOpen();
        return this.keys.keys(globPattern);
    }

    @Override
    public boolean setIfAbsent(String key, Object value) {
        ensureOpen();
        return this.keys.setIfAbsent(key, value);
    }

    @Override
    public boolean compareAndSet(String key, Object expected, Object update) {
        ensureOpen();
        return this.keys.compareAndSet(key, expected, update);
    }

    @Override
    public long increment(String key, long delta) {
        ensureOpen();
        return this.keys.increment(key, delta);
    }

    @Override
    public void publish(String channel, Object message) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(message, "message");
        ensureOpen();
        byte[] payload = this.values.encodeMessage(message);
        byte[] name = this.names.name(channel);
        this.calls.call((commands) -> commands.publish(name, payload));
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
        // Reverse order of opening: the connector's thread, the subscriber, the connection, the listeners.
        this.connector.close();
        this.dispatcher.close();
    }

    private void ensureOpen() {
        if (this.closed) {
            throw new SharedMemoryUnavailableException("The shared-memory store is closed");
        }
    }
}
