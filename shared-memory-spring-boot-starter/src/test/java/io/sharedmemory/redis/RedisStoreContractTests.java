package io.sharedmemory.redis;

import java.time.Duration;
import java.util.UUID;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.Role;
import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.contract.KeyValueStoreContract;
import io.sharedmemory.core.it.Point;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.awaitility.Awaitility.await;

/** The contract in the redis role, on a real redis-server. */
class RedisStoreContractTests extends KeyValueStoreContract {

    private static LettuceConnectionFactory factory;

    private static RedisKeyValueStore store;

    @BeforeAll
    static void connect() {
        factory = TestRedisServer.shared().connectionFactory();
        store = new RedisKeyValueStore(SharedMemory.builder().requestTimeout(Duration.ofSeconds(10))
                .trustedPackages(Point.class.getPackageName()).settings(), "contract-" + UUID.randomUUID() + ":", factory);
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
