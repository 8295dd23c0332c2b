package io.sharedmemory.redis;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryException;
import io.sharedmemory.core.testing.SeededRandom;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A writer JVM of the near cache tests in the redis role: raises random keys {@code k0..kN-1}
 * (every change makes a key's value larger, so "older" is "smaller"), by increments and by
 * compare-and-set, until its standard input closes. Calls that fail while its connections are cut
 * are retried with other keys. Prints {@code READY} once connected, then {@code WROTE n} at the end.
 * Arguments: port, key prefix, number of keys, seed.
 */
public final class NearCacheWriterMain {

    private NearCacheWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String prefix = args[1];
        int keys = Integer.parseInt(args[2]);
        SeededRandom random = new SeededRandom(Long.parseLong(args[3]));
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
        factory.afterPropertiesSet();
        factory.start();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread stdin = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // Only the end of input matters.
                }
            }
            catch (IOException ex) {
                // Same as the end.
            }
            running.set(false);
        }, "writer-stdin");
        stdin.setDaemon(true);
        stdin.start();
        long writes = 0;
        try (RedisKeyValueStore store = new RedisKeyValueStore(
                SharedMemory.builder().requestTimeout(Duration.ofSeconds(2)).settings(), prefix, factory)) {
            store.start();
            store.ping();
            System.out.println("READY");
            System.out.flush();
            while (running.get()) {
                // About a thousand writes a second: each key then stays unchanged for a while, long
                // enough for a stale cached value to be seen by the test's checks if there were one.
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                String key = "k" + random.nextInt(keys);
                try {
                    if (random.nextInt(4) == 0) {
                        Object current = store.get(key);
                        long value = (current instanceof Long number) ? number : 0L;
                        if (current != null && store.compareAndSet(key, current, value + 5)) {
                            writes++;
                        }
                    }
                    else {
                        store.increment(key, 1 + random.nextInt(3));
                        writes++;
                    }
                }
                catch (SharedMemoryException ex) {
                    // A connection was cut: Lettuce reconnects; the next call tries again.
                }
            }
        }
        finally {
            factory.destroy();
        }
        System.out.println("WROTE " + writes);
        System.out.flush();
    }
}
