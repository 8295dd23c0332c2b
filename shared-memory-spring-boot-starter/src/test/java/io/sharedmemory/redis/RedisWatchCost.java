package io.sharedmemory.redis;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.Subscription;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.awaitility.Awaitility.await;

/**
 * Measures what watching costs the write path in the redis role, for the README: one thread
 * doing blocking {@code set}s on a real redis-server, (1) while no process watches (plain SET),
 * (2) while a store watches another pattern (the script runs and publishes to no one), (3) while
 * a store watches the key written (the event is also delivered). Not a test: run it with the
 * test class path, {@code java -cp ... io.sharedmemory.redis.RedisWatchCost [writes]}.
 */
public final class RedisWatchCost {

    private RedisWatchCost() {
    }

    public static void main(String[] args) throws Exception {
        int writes = (args.length > 0) ? Integer.parseInt(args[0]) : 20_000;
        try (TestRedisServer redis = TestRedisServer.start()) {
            LettuceConnectionFactory writerFactory = redis.connectionFactory();
            LettuceConnectionFactory watcherFactory = redis.connectionFactory();
            String prefix = "cost-" + UUID.randomUUID() + ":";
            RedisKeyValueStore writer = store(writerFactory, prefix);
            RedisKeyValueStore watcher = store(watcherFactory, prefix);
            try {
                measure("set, nobody watches (plain SET)", writer, writes);
                try (Subscription other = watcher.watch("elsewhere.*", (event) -> { })) {
                    measure("set, a process watches another pattern", writer, writes);
                }
                AtomicLong delivered = new AtomicLong();
                try (Subscription same = watcher.watch("cost.*", (event) -> delivered.incrementAndGet())) {
                    measure("set, a process watches this key", writer, writes);
                    long expected = 2L * writes;
                    await().atMost(Duration.ofMinutes(2)).until(() -> delivered.get() >= expected);
                }
                await().atMost(Duration.ofSeconds(30)).until(writer::writesArePlain);
                measure("set, nobody watches again", writer, writes);
            }
            finally {
                writer.close();
                watcher.close();
                writerFactory.destroy();
                watcherFactory.destroy();
            }
        }
    }

    private static void measure(String label, RedisKeyValueStore store, int writes) {
        // Warm-up as many as measured, so the JIT and the connection are settled.
        for (int i = 0; i < writes; i++) {
            store.set("cost.key", "value-" + i);
        }
        long[] nanos = new long[writes];
        long start = System.nanoTime();
        for (int i = 0; i < writes; i++) {
            long t = System.nanoTime();
            store.set("cost.key", "value-" + i);
            nanos[i] = System.nanoTime() - t;
        }
        long total = System.nanoTime() - start;
        Arrays.sort(nanos);
        System.out.printf("%-45s %7.1f us mean  %7.1f us p50  %7.1f us p99  (%d writes)%n", label,
                total / 1e3 / writes, nanos[writes / 2] / 1e3, nanos[(int) (writes * 0.99)] / 1e3, writes);
    }

    private static RedisKeyValueStore store(LettuceConnectionFactory factory, String prefix) {
        RedisKeyValueStore store = new RedisKeyValueStore(SharedMemory.builder().requestTimeout(Duration.ofSeconds(10))
                .settings(), prefix, factory);
        store.start();
        await().atMost(Duration.ofSeconds(30)).until(store::isAvailable);
        return store;
    }
}
