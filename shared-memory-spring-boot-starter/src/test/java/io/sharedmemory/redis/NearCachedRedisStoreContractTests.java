package io.sharedmemory.redis;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.Role;
import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemorySettings;
import io.sharedmemory.core.StoreObserver;
import io.sharedmemory.core.contract.KeyValueStoreContract;
import io.sharedmemory.core.internal.codec.ValueCodec;
import io.sharedmemory.core.internal.nearcache.NearCacheSettings;
import io.sharedmemory.core.internal.nearcache.NearCachedStore;
import io.sharedmemory.core.it.Point;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.awaitility.Awaitility.await;

/** The contract in the redis role with the near cache on: the cache changes no answer of the store's. */
class NearCachedRedisStoreContractTests extends KeyValueStoreContract {

    private static LettuceConnectionFactory factory;

    private static NearCachedStore store;

    @BeforeAll
    static void connect() {
        factory = TestRedisServer.shared().connectionFactory();
        String prefix = "near-contract-" + UUID.randomUUID() + ":";
        SharedMemorySettings settings = SharedMemory.builder().requestTimeout(Duration.ofSeconds(10))
            .trustedPackages(Point.class.getPackageName()).settings();
        store = new NearCachedStore(new RedisKeyValueStore(settings, prefix, factory),
                new RedisClientTracking(factory, prefix, Duration.ofSeconds(10)), new NearCacheSettings(List.of("*"), 1000),
                new ValueCodec(settings.trustedPackages(), settings.classLoader()), StoreObserver.NONE);
        store.start();
        await().atMost(Duration.ofSeconds(20)).until(store::isAvailable);
    }

    @AfterAll
    static void close() {
        store.close();
        factory.destroy();
    }

    @Override
    protected KeyValueStore store() {
        return store;
    }

    @Override
    protected Role expectedRole() {
        return Role.REDIS;
    }
}
