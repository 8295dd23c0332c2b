package io.sharedmemory.redis;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.sharedmemory.core.SharedMemoryException;
import io.sharedmemory.core.Subscription;
import io.sharedmemory.core.internal.pubsub.ListenerTable;
import io.sharedmemory.core.internal.store.GlobPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's listeners on Redis pub/sub: one subscriber connection, replaced by a new one
 * (subscribed to everything again) when it is lost. It also carries the watches'
 * traffic ({@link RedisWatchChannels}), handed to {@link RedisWatches} and never to an
 * application listener.
 * <p>
 * Messages arrive on Lettuce's I/O thread in the order Redis sent them and are only queued
 * there, on each listener's own serial queue, so publish order per publisher and channel is
 * kept up to the listener and no listener runs on the I/O thread. The queues are bounded by
 * {@code max-pending-messages} across this process: when they are full the I/O thread must not
 * wait (it serves the other commands too), so, as main does with a child that cannot keep up,
 * this process cuts its own subscriber connection with a warning, drops what arrives until a
 * new one is subscribed, and subscribes again (at-most-once, like Redis pub/sub itself).
 */
final class RedisSubscriber extends RedisPubSubAdapter<byte[], byte[]> {

    private static final Logger logger = LoggerFactory.getLogger(RedisSubscriber.class);

    private final RedisNames names;

    private final ListenerTable table;

    private final RedisCalls calls;

    private final Runnable reconnect;

    private final RedisWatchChannels watchChannels;

    private final RedisWatches watches;

    /** Guards the table against a connection that is being subscribed. */
    private final Object lock = new Object();

    /** The globs behind the Redis patterns subscribed, to check each match exactly. */
    private final Map<String, GlobPattern> globs = new ConcurrentHashMap<>();

    private volatile StatefulRedisPubSubConnection<byte[], byte[]> connection;

    RedisSubscriber(RedisNames names, ListenerTable table, RedisCalls calls, Runnable reconnect,
            RedisWatchChannels watchChannels, RedisWatches watches) {
        this.names = names;
        this.watchChannels = watchChannels;
        this.watches = watches;
        this.table = table;
        this.calls = calls;
        this.reconnect = reconnect;
    }

    boolean isConnected() {
        StatefulRedisPubSubConnection<byte[], byte[]> current = this.connection;
        return current != null && current.isOpen();
    }

    /**
     * Subscribes a new connection to everything the table holds, then makes it the current one.
     * @throws SharedMemoryException if a subscription is not confirmed in time
     */
    void attach(StatefulRedisPubSubConnection<byte[], byte[]> fresh) {
        fresh.addListener(this);
        synchronized (this.lock) {
            long deadline = this.calls.deadline();
            for (String channel : this.table.channels()) {
                this.calls.await(fresh.async().subscribe(this.names.name(channel)), deadline);
            }
            for (String glob : this.table.patterns()) {
                this.calls.await(fresh.async().psubscribe(redisPattern(glob)), deadline);
            }
            this.watches.attach(fresh);
            this.connection = fresh;
        }
        if (!fresh.isOpen()) {
            // Lost while being subscribed, before it was the current one: start over.
            disconnected(fresh);
        }
    }

    /** Adds a listener; Redis is told now if connected, else when the connection is made. */
    Subscription open(String target, boolean pattern, BiConsumer<String, Object> listener) {
        synchronized (this.lock) {
            ListenerTable.Listener entry = this.table.add(target, pattern, listener, this::closeListener);
            StatefulRedisPubSubConnection<byte[], byte[]> current = this.connection;
            if (entry.first() && current != null) {
                try {
                    long deadline = this.calls.deadline();
                    this.calls.await(pattern ? current.async().psubscribe(redisPattern(target))
                            : current.async().subscribe(this.names.name(target)), deadline);
                }
                catch (SharedMemoryException ex) {
                    logger.warn("Could not subscribe to {} now ({}); it will be on reconnect", entry, ex.getMessage());
                }
            }
            return entry;
        }
    }

    private void closeListener(ListenerTable.Listener listener) {
        synchronized (this.lock) {
            StatefulRedisPubSubConnection<byte[], byte[]> current = this.connection;
            if (!this.table.remove(listener)) {
                return;
            }
            if (listener.pattern()) {
                this.globs.remove(new String(this.names.pattern(listener.target()), StandardCharsets.UTF_8));
            }
            if (current != null && current.isOpen()) {
                try {
                    long deadline = this.calls.deadline();
                    this.calls.await(listener.pattern() ? current.async().punsubscribe(this.names.pattern(listener.target()))
                            : current.async().unsubscribe(this.names.name(listener.target())), deadline);
                }
                catch (SharedMemoryException ex) {
                    // Closing never throws; a new connection subscribes only what the table holds.
                    logger.debug("Could not unsubscribe from {}: {}", listener, ex.getMessage());
                }
            }
        }
    }

    private byte[] redisPattern(String glob) {
        byte[] redis = this.names.pattern(glob);
        this.globs.computeIfAbsent(new String(redis, StandardCharsets.UTF_8), (key) -> GlobPattern.compile(glob));
        return redis;
    }

    @Override
    public void message(byte[] channel, byte[] message) {
        if (this.watchChannels.isControl(channel)) {
            this.watches.control(message);
            return;
        }
        if (this.watchChannels.isExpired(channel)) {
            if (!this.watches.expired(message)) {
                cutOff();
            }
            return;
        }
        String name = this.names.strip(channel);
        if (name != null && !this.table.offer(name, null, message)) {
            cutOff();
        }
    }

    @Override
    public void message(byte[] pattern, byte[] channel, byte[] message) {
        if (this.watchChannels.isInternal(channel)) {
            // Each delivery of a W is answered, also one through an application's pattern (empty
            // key prefix), since Redis counted it as a receiver.
            if (this.watchChannels.isControl(channel)) {
                this.watches.control(message);
            }
            else if (!this.watches.event(pattern, channel, message)) {
                cutOff();
            }
            return;
        }
        GlobPattern glob = this.globs.get(new String(pattern, StandardCharsets.UTF_8));
        String name = this.names.strip(channel);
        if (glob != null && RedisNames.matches(glob, name) && !this.table.offer(name, glob.pattern(), message)) {
            cutOff();
        }
    }

    /** Runs on the I/O thread when the listeners' queues are full. */
    private void cutOff() {
        StatefulRedisPubSubConnection<byte[], byte[]> current = this.connection;
        if (current == null) {
            return;
        }
        this.connection = null;
        this.watches.detach();
        current.removeListener(this);
        current.closeAsync();
        logger.warn("The listeners of this process are shared-memory.max-pending-messages behind; dropped the Redis "
                + "subscriber connection (messages meanwhile are lost) and subscribing again");
        this.reconnect.run();
    }

    /**
     * The subscriber connection was lost (Lettuce saw it close): rather than let Lettuce
     * resubscribe it by itself, it is dropped and a new one attached, so that the watch
     * handshake is synced again (messages of the handshake may have been missed meanwhile).
     * Runs on the I/O thread.
     */
    void disconnected(Object lost) {
        this.watches.detach(lost);
        StatefulRedisPubSubConnection<byte[], byte[]> current = this.connection;
        if (current != null && lost == current) {
            this.connection = null;
            this.watches.detach();
            current.removeListener(this);
            current.closeAsync();
            logger.info("Lost the Redis subscriber connection; subscribing again on a new one");
            this.reconnect.run();
        }
    }

    /** Closes the subscriber connection. */
    void close() {
        StatefulRedisPubSubConnection<byte[], byte[]> current = this.connection;
        this.connection = null;
        this.watches.detach();
        if (current != null) {
            current.removeListener(this);
            current.closeAsync();
        }
    }
}
