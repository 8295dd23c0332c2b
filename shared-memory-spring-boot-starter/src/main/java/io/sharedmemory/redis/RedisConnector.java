package io.sharedmemory.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.sharedmemory.core.internal.pubsub.Reconnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Makes the two connections of a Redis store from the connection factory, in the background
 * while Redis is away (so an application starts without it): the factory's shared command
 * connection and a subscriber connection of the factory's own Lettuce client. Once made, Lettuce
 * keeps the command connection up; a subscriber connection that is lost (or that cut itself off)
 * is replaced by a new one made here, so that the watch handshake is synced on each.
 */
final class RedisConnector {

    private static final Logger logger = LoggerFactory.getLogger(RedisConnector.class);

    private final LettuceConnectionFactory factory;

    private final RedisCalls calls;

    private final Reconnector reconnector;

    private final String endpoint;

    private RedisSubscriber subscriber;

    private volatile RedisConnection connection;

    private volatile boolean closed;

    /** Tells the subscriber when Lettuce sees one of the client's connections close. */
    private final RedisConnectionStateListener lost = new RedisConnectionStateListener() {
        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            RedisSubscriber current = RedisConnector.this.subscriber;
            if (current != null) {
                current.disconnected(connection);
            }
        }
    };

    private AbstractRedisClient client;

    RedisConnector(LettuceConnectionFactory factory, RedisCalls calls, String endpoint) {
        this.factory = factory;
        this.calls = calls;
        this.endpoint = endpoint;
        this.reconnector = new Reconnector(this::connect, endpoint, "shared-memory-redis-connect");
    }

    void subscribeWith(RedisSubscriber subscriber) {
        this.subscriber = subscriber;
    }

    void start() {
        this.client = this.factory.getNativeClient();
        if (this.client != null) {
            this.client.addListener(this.lost);
        }
        this.reconnector.start();
    }

    void reconnect() {
        this.reconnector.reconnect();
    }

    @SuppressWarnings("unchecked")
    private boolean connect() {
        if (this.closed) {
            return false;
        }
        if (this.connection == null) {
            RedisConnection fresh = this.factory.getConnection();
            this.calls.attach((RedisClusterAsyncCommands<byte[], byte[]>) fresh.getNativeConnection());
            this.connection = fresh;
        }
        if (!this.subscriber.isConnected()) {
            StatefulRedisPubSubConnection<byte[], byte[]> pubsub = connectPubSub();
            try {
                this.subscriber.attach(pubsub);
            }
            catch (RuntimeException ex) {
                pubsub.closeAsync();
                throw ex;
            }
            logger.info("Connected to {}", this.endpoint);
        }
        if (this.closed) {
            this.subscriber.close();
            return false;
        }
        return true;
    }

    private StatefulRedisPubSubConnection<byte[], byte[]> connectPubSub() {
        AbstractRedisClient client = this.factory.getNativeClient();
        if (client instanceof RedisClusterClient cluster) {
            return cluster.connectPubSub(ByteArrayCodec.INSTANCE);
        }
        if (client instanceof RedisClient standalone) {
            return standalone.connectPubSub(ByteArrayCodec.INSTANCE);
        }
        throw new IllegalStateException("The Redis connection factory is not started");
    }

    void close() {
        this.closed = true;
        if (this.client != null) {
            this.client.removeListener(this.lost);
        }
        this.reconnector.close();
        this.subscriber.close();
        RedisConnection current = this.connection;
        if (current != null) {
            try {
                current.close();
            }
            catch (RuntimeException ex) {
                // The factory may have been stopped first; its client closed our connections then.
                logger.debug("Closing the Redis connection failed: {}", ex.toString());
            }
        }
    }

    /** Names what a factory points at, for logs and {@code endpoint()}. */
    static String describe(LettuceConnectionFactory factory) {
        if (factory.isClusterAware() && factory.getClusterConfiguration() != null) {
            return "redis cluster " + factory.getClusterConfiguration().getClusterNodes();
        }
        if (factory.isRedisSentinelAware() && factory.getSentinelConfiguration() != null
                && factory.getSentinelConfiguration().getMaster() != null) {
            return "redis sentinel master " + factory.getSentinelConfiguration().getMaster().getName();
        }
        if (factory.getSocketConfiguration() != null) {
            return "redis " + factory.getSocketConfiguration().getSocket();
        }
        return "redis " + factory.getHostName() + ":" + factory.getPort();
    }
}
