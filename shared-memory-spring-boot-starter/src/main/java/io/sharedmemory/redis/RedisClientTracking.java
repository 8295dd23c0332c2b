package io.sharedmemory.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushListener;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import io.sharedmemory.core.internal.nearcache.InvalidationListener;
import io.sharedmemory.core.internal.nearcache.InvalidationSource;
import io.sharedmemory.core.internal.pubsub.Reconnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The near cache's invalidations in the redis role: Redis's own client tracking, in broadcasting
 * mode, on a connection of its own. {@code CLIENT TRACKING on BCAST PREFIX <key-prefix>} makes
 * Redis push an {@code invalidate} message (RESP3) on that very connection for every key under
 * the prefix that any client changes, deletes or expires, or one without keys when it flushed.
 * <p>
 * Why this design: in broadcasting mode the invalidations do not depend on which connection
 * read a key, so the store's shared command connection stays untouched and its reconnects lose
 * nothing; and with RESP3 the invalidations share a connection with the registration, so there is
 * no second connection (no {@code REDIRECT}) whose loss would go unnoticed. Only this connection
 * matters, then: when it drops for any reason ({@code CLIENT KILL}, a restart of Redis, a network
 * fault) the listener is told {@code lost()} at once, the connection is closed (Lettuce would
 * reconnect it without tracking) and a background thread opens a new one and registers again,
 * then tells {@code live()}. A flush (invalidation without keys) is a {@code lost()} and a
 * {@code live()}: every key went, and tracking itself is still registered.
 * <p>
 * State machine: IDLE --track--> CONNECTING --registered--> LIVE --disconnect--> CONNECTING;
 * any --close--> CLOSED. Invariant: the listener hears {@code live()} only after Redis answered
 * the registration on the current connection, and {@code invalidated} only from that connection.
 * Needs a standalone or Sentinel Redis 6 or later spoken to in RESP3 (Lettuce's default).
 */
public final class RedisClientTracking implements InvalidationSource {

    private static final Logger logger = LoggerFactory.getLogger(RedisClientTracking.class);

    private final LettuceConnectionFactory factory;

    private final RedisNames names;

    private final Duration timeout;

    private final String endpoint;

    /** Guards the current connection and serializes the listener's calls. */
    private final Object lock = new Object();

    private InvalidationListener listener;

    private Reconnector reconnector;

    private StatefulRedisConnection<byte[], byte[]> connection;

    private boolean closed;

    /** A setup that cannot work (a cluster, RESP2) is logged once, not at every retry. */
    private volatile boolean warned;

    /**
     * Creates the tracking of one store; {@link #track} connects.
     * @param factory the redis store's connection factory, started
     * @param keyPrefix the redis store's key prefix: the keys tracked
     * @param timeout how long registering may take
     */
    public RedisClientTracking(LettuceConnectionFactory factory, String keyPrefix, Duration timeout) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.names = new RedisNames(Objects.requireNonNull(keyPrefix, "keyPrefix"));
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.endpoint = RedisConnector.describe(factory) + " (near cache tracking)";
    }

    /**
     * Registers tracking of every key under the prefix (the near cache filters by its globs),
     * now if Redis answers, else in the background.
     * @throws IllegalStateException if tracking is already started, or Redis is a cluster
     */
    @Override
    public AutoCloseable track(List<String> globs, InvalidationListener listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (this.lock) {
            if (this.listener != null) {
                throw new IllegalStateException("Redis client tracking is already started");
            }
            this.listener = listener;
            this.reconnector = new Reconnector(this::connect, this.endpoint, "shared-memory-redis-tracking");
        }
        this.reconnector.start();
        return this::close;
    }

    /** One attempt: a new connection, tracking registered on it, then LIVE. */
    private boolean connect() throws Exception {
        AbstractRedisClient client = this.factory.getNativeClient();
        if (!(client instanceof RedisClient standalone)) {
            throw unusable("The near cache of role redis needs a standalone or Sentinel Redis; it stays empty");
        }
        StatefulRedisConnection<byte[], byte[]> fresh = standalone.connect(ByteArrayCodec.INSTANCE);
        try {
            if (fresh instanceof StatefulRedisConnectionImpl<?, ?> impl
                    && impl.getConnectionState().getNegotiatedProtocolVersion() != ProtocolVersion.RESP3) {
                throw unusable("The near cache of role redis needs RESP3 (Redis 6 or later, and no "
                        + "protocol-version RESP2 in the client options); it stays empty and every get goes to Redis");
            }
            fresh.addListener(new Pushes(fresh));
            fresh.addListener(new Drops(fresh));
            TrackingArgs args = TrackingArgs.Builder.enabled().bcast();
            if (!this.names.prefix().isEmpty()) {
                args.prefixes(StandardCharsets.UTF_8, this.names.prefix());
            }
            String reply = fresh.async().clientTracking(args).get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!"OK".equals(reply)) {
                throw new IllegalStateException("CLIENT TRACKING answered " + reply);
            }
            synchronized (this.lock) {
                if (this.closed || !fresh.isOpen()) {
                    fresh.closeAsync();
                    return this.closed;
                }
                this.connection = fresh;
                this.listener.live();
            }
            logger.debug("Near cache tracking registered on {}", this.endpoint);
            return true;
        }
        catch (Exception ex) {
            fresh.closeAsync();
            throw ex;
        }
    }

    private IllegalStateException unusable(String why) {
        if (!this.warned) {
            this.warned = true;
            logger.warn(why);
        }
        return new IllegalStateException(why);
    }

    /** Runs on Lettuce's I/O thread when a tracking connection goes down. */
    private void dropped(StatefulRedisConnection<byte[], byte[]> which) {
        synchronized (this.lock) {
            if (which != this.connection) {
                return;
            }
            this.connection = null;
            this.listener.lost();
        }
        which.closeAsync();
        logger.info("Near cache tracking on {} was lost; the near cache is empty until it is registered again",
                this.endpoint);
        if (!isClosed()) {
            this.reconnector.reconnect();
        }
    }

    /** Runs on Lettuce's I/O thread, in the order Redis sent the pushes. */
    private void pushed(StatefulRedisConnection<byte[], byte[]> from, PushMessage message) {
        if (!"invalidate".equals(message.getType())) {
            return;
        }
        List<Object> content = message.getContent();
        synchronized (this.lock) {
            if (from != this.connection) {
                return;
            }
            Object keys = (content.size() > 1) ? content.get(1) : null;
            if (!(keys instanceof List<?> list)) {
                // Redis flushed: every key went, and tracking is still registered.
                this.listener.lost();
                this.listener.live();
                return;
            }
            for (Object key : list) {
                String name = (key instanceof ByteBuffer buffer) ? this.names.strip(bytes(buffer)) : null;
                if (name != null) {
                    this.listener.invalidated(name);
                }
            }
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    private boolean isClosed() {
        synchronized (this.lock) {
            return this.closed;
        }
    }

    /** Stops tracking: the connection goes, and tracking with it. Never throws. */
    private void close() {
        StatefulRedisConnection<byte[], byte[]> current;
        Reconnector background;
        synchronized (this.lock) {
            if (this.closed) {
                return;
            }
            this.closed = true;
            current = this.connection;
            this.connection = null;
            background = this.reconnector;
            if (current != null) {
                this.listener.lost();
            }
        }
        if (background != null) {
            background.close();
        }
        if (current != null) {
            current.closeAsync();
        }
    }

    /** The pushes of one connection. */
    private final class Pushes implements PushListener {

        private final StatefulRedisConnection<byte[], byte[]> connection;

        Pushes(StatefulRedisConnection<byte[], byte[]> connection) {
            this.connection = connection;
        }

        @Override
        public void onPushMessage(PushMessage message) {
            pushed(this.connection, message);
        }
    }

    /** The drops of one connection. */
    private final class Drops implements RedisConnectionStateListener {

        private final StatefulRedisConnection<byte[], byte[]> connection;

        Drops(StatefulRedisConnection<byte[], byte[]> connection) {
            this.connection = connection;
        }

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
            dropped(this.connection);
        }
    }
}
