package io.sharedmemory.actuate;

import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.internal.nearcache.NearCachedStore;
import io.sharedmemory.redis.RedisKeyValueStore;

import org.springframework.boot.health.contributor.Health;

/** The redis role's health: Redis answers a {@code PING} within the request timeout. */
final class RedisHealth {

    private RedisHealth() {
    }

    static void check(SharedMemoryStore store, Health.Builder builder) {
        builder.withDetail("endpoint", store.endpoint());
        SharedMemoryStore target = (store instanceof NearCachedStore near) ? near.store() : store;
        if (target instanceof RedisKeyValueStore redis) {
            builder.withDetail("keyPrefix", redis.keyPrefix());
            // A failed or late PING is thrown, and reported as DOWN with the error.
            builder.up().withDetail("pingMillis", redis.ping().toMillis());
        }
        else {
            builder.status(store.isAvailable() ? "UP" : "DOWN");
        }
    }
}
