package io.sharedmemory.bench.redis;

import java.nio.file.Path;
import java.util.function.Consumer;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.sharedmemory.bench.pubsub.PubSubClient;

/** Redis PUBLISH/SUBSCRIBE through Lettuce: a plain connection publishes, a pub/sub connection listens. */
public final class LettucePubSub implements PubSubClient {

    private final RedisClient client;
    private StatefulRedisConnection<String, String> publisher;
    private StatefulRedisPubSubConnection<String, String> subscriber;

    /**
     * @param socket redis-server's Unix socket
     */
    public LettucePubSub(Path socket) {
        this.client = LettuceClients.create(socket);
    }

    @Override
    public void publish(String message) {
        if (this.publisher == null) {
            this.publisher = this.client.connect();
        }
        this.publisher.sync().publish(CHANNEL, message);
    }

    @Override
    public void subscribe(Consumer<String> listener) {
        this.subscriber = this.client.connectPubSub();
        this.subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                listener.accept(message);
            }
        });
        this.subscriber.sync().subscribe(CHANNEL);
    }

    @Override
    public void close() {
        if (this.publisher != null) {
            this.publisher.close();
        }
        if (this.subscriber != null) {
            this.subscriber.close();
        }
        LettuceClients.shutdown(this.client);
    }
}
