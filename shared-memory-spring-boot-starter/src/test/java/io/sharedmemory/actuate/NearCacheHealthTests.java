package io.sharedmemory.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.StoreObserver;
import io.sharedmemory.core.internal.codec.ValueCodec;
import io.sharedmemory.core.internal.nearcache.NearCacheSettings;
import io.sharedmemory.core.internal.nearcache.NearCachedStore;
import io.sharedmemory.redis.RedisClientTracking;
import io.sharedmemory.redis.RedisKeyValueStore;
import io.sharedmemory.redis.TestRedisServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The redis role's health looks through the near cache to the Redis store behind it. */
class NearCacheHealthTests {

    @Test
    void aNearCachedRedisStoreReportsRedisHealth() {
        LettuceConnectionFactory factory = TestRedisServer.shared().connectionFactory();
        String prefix = "health-" + UUID.randomUUID() + ":";
        try (NearCachedStore store = new NearCachedStore(
                new RedisKeyValueStore(SharedMemory.builder().settings(), prefix, factory),
                new RedisClientTracking(factory, prefix, Duration.ofSeconds(5)), new NearCacheSettings(List.of("*"), 10),
                new ValueCodec(Set.of(), getClass().getClassLoader()), StoreObserver.NONE)) {
            store.start();
            Health health = new SharedMemoryHealthIndicator(store).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("keyPrefix", prefix).containsKey("pingMillis");
        }
        finally {
            factory.destroy();
        }
    }
}
