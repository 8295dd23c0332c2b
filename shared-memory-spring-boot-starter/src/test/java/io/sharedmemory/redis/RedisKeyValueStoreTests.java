package io.sharedmemory.redis;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryCodecException;
import io.sharedmemory.core.SharedMemoryUnavailableException;
import io.sharedmemory.core.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What the redis store does beyond the common contract: Redis absent at start, a listener
 * that cannot keep up, the frame limit and trusted packages on values read from Redis.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisKeyValueStoreTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void startsWithoutRedisFailsFastThenConnectsAndSubscribesWhenRedisComesUp() {
        TestRedisServer redis = TestRedisServer.start();
        redis.kill();
        LettuceConnectionFactory factory = redis.connectionFactory();
        RedisKeyValueStore store = store(factory, 100, Duration.ofSeconds(1));
        try {
            store.start();
            assertThat(store.isRunning()).isTrue();
            assertThat(store.isAvailable()).isFalse();
            long started = System.nanoTime();
            assertThatExceptionOfType(SharedMemoryUnavailableException.class).isThrownBy(() -> store.get("k"));
            assertThat(elapsedMillis(started)).isLessThan(1000);
            List<Object> received = new CopyOnWriteArrayList<>();
            store.subscribe("news", received::add);

            redis.restart();
            await().atMost(WAIT).until(store::isAvailable);
            await().atMost(WAIT).ignoreExceptions().until(() -> {
                store.publish("news", "hello");
                return received.contains("hello");
            });
        }
        finally {
            long closing = System.nanoTime();
            redis.kill();
            store.close();
            factory.destroy();
            assertThat(elapsedMillis(closing)).as("close with Redis gone").isLessThan(5000);
        }
    }

    @Test
    void aListenerThatCannotKeepUpCutsOnlyTheSubscriberConnectionWhichComesBack(CapturedOutput output)
            throws Exception {
        LettuceConnectionFactory factory = TestRedisServer.shared().connectionFactory();
        RedisKeyValueStore store = store(factory, 50, Duration.ofSeconds(5));
        CountDownLatch release = new CountDownLatch(1);
        List<Object> received = new CopyOnWriteArrayList<>();
        try {
            store.start();
            await().atMost(WAIT).until(store::isAvailable);
            try (Subscription slow = store.subscribe("slow", (message) -> {
                received.add(message);
                awaitQuietly(release);
            })) {
                for (int i = 0; i < 500; i++) {
                    store.publish("slow", i);
                }
                await().atMost(WAIT).until(() -> output.getAll().contains("shared-memory.max-pending-messages behind"));
                // The I/O thread never waited for the listener: commands go on meanwhile.
                store.set("while-blocked", "yes");
                assertThat(store.get("while-blocked")).isEqualTo("yes");
                release.countDown();
                await().atMost(WAIT).ignoreExceptions().until(() -> {
                    store.publish("slow", "after");
                    return received.contains("after");
                });
                assertThat(received.size()).as("messages dropped while cut off").isLessThan(502);
            }
        }
        finally {
            release.countDown();
            store.close();
            factory.destroy();
        }
    }

    @Test
    void valuesOverTheFrameLimitAndUntrustedClassesAreRefusedBothWays() {
        LettuceConnectionFactory factory = TestRedisServer.shared().connectionFactory();
        String prefix = "limits-" + UUID.randomUUID() + ":";
        RedisKeyValueStore small = new RedisKeyValueStore(SharedMemory.builder().maxFrameSize(1024).settings(), prefix,
                factory);
        RedisKeyValueStore large = new RedisKeyValueStore(SharedMemory.builder()
                .trustedPackages(io.sharedmemory.core.it.Point.class.getPackageName()).settings(), prefix, factory);
        try {
            small.start();
            large.start();
            await().atMost(WAIT).until(() -> small.isAvailable() && large.isAvailable());
            assertThatExceptionOfType(SharedMemoryCodecException.class)
                .isThrownBy(() -> small.set("big", "x".repeat(2000)));
            large.set("big", "x".repeat(2000));
            assertThatExceptionOfType(SharedMemoryCodecException.class).isThrownBy(() -> small.get("big"));
            large.set("point", new io.sharedmemory.core.it.Point(1, 2));
            assertThatExceptionOfType(SharedMemoryCodecException.class).isThrownBy(() -> small.get("point"));
            assertThat(large.get("point")).isEqualTo(new io.sharedmemory.core.it.Point(1, 2));
        }
        finally {
            small.close();
            large.close();
            factory.destroy();
        }
    }

    /**
     * A store of 200,000 keys is listed whole, by SCAN pages and MGET batches, although the
     * listing takes longer than the request timeout (several seconds here, against 1 s): the
     * timeout bounds each page, as it bounds each part of a child's reply.
     */
    @Test
    void aLargeStoreIsListedWholePageByPage() {
        LettuceConnectionFactory factory = TestRedisServer.shared().connectionFactory();
        RedisKeyValueStore store = store(factory, 100, Duration.ofMillis(1000));
        try {
            store.start();
            await().atMost(WAIT).until(store::isAvailable);
            int keys = 200_000;
            Map<String, Object> batch = new HashMap<>();
            for (int i = 0; i < keys; i++) {
                batch.put("k" + i, "value-" + i);
                if (batch.size() == 1_000) {
                    store.setAll(batch);
                    batch.clear();
                }
            }
            Map<String, Object> all = store.getAll();
            assertThat(all).hasSize(keys).containsEntry("k0", "value-0").containsEntry("k199999", "value-199999");
            assertThat(store.keys("k1*")).hasSize(111_111);
            assertThat(store.async().getAll().join()).hasSize(keys);
        }
        finally {
            store.close();
            factory.destroy();
        }
    }

    private static RedisKeyValueStore store(LettuceConnectionFactory factory, int maxPending, Duration timeout) {
        return new RedisKeyValueStore(SharedMemory.builder().maxPendingMessages(maxPending).requestTimeout(timeout)
                .settings(), "store-" + UUID.randomUUID() + ":", factory);
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
