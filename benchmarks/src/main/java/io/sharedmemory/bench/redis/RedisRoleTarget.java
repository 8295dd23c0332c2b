package io.sharedmemory.bench.redis;

import java.nio.file.Path;
import java.time.Duration;

import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.sharedmemory.bench.load.KvConnection;
import io.sharedmemory.bench.load.KvTarget;
import io.sharedmemory.bench.sm.SharedMemoryTarget;
import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.redis.RedisKeyValueStore;

import org.springframework.data.redis.connection.RedisSocketConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * shared-memory's redis role as an application has it: a Spring Data Redis connection factory
 * on the same Lettuce, client resources and Redis socket as {@link LettuceTarget}, and the store
 * on it, shared by every thread. Its ratio to Lettuce's shared connection is the role's overhead.
 */
public final class RedisRoleTarget implements KvTarget {

    private final LettuceConnectionFactory factory;

    private final SharedMemoryTarget store;

    private final ClientResources resources;

    /**
     * Connects a redis-role store.
     * @param socket redis-server's Unix socket
     */
    public RedisRoleTarget(Path socket) {
        this.resources = DefaultClientResources.builder().commandLatencyRecorder(CommandLatencyRecorder.disabled())
                .build();
        this.factory = new LettuceConnectionFactory(new RedisSocketConfiguration(socket.toString()),
                LettuceClientConfiguration.builder().clientResources(this.resources).build());
        this.factory.start();
        RedisKeyValueStore redis = new RedisKeyValueStore(SharedMemory.builder().requestTimeout(Duration.ofSeconds(5))
                .settings(), "bench:", this.factory);
        redis.start();
        this.store = new SharedMemoryTarget(redis);
    }

    @Override
    public KvConnection connect() {
        return this.store.connect();
    }

    @Override
    public void close() {
        this.store.close();
        this.factory.destroy();
        this.resources.shutdown();
    }
}
