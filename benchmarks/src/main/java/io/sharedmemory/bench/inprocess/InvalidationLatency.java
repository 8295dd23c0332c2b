package io.sharedmemory.bench.inprocess;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

import io.sharedmemory.bench.process.ProcessReaper;
import io.sharedmemory.bench.redis.RedisServerProcess;
import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.StoreObserver;
import io.sharedmemory.core.internal.client.ChildKeyValueStore;
import io.sharedmemory.core.internal.codec.ValueCodec;
import io.sharedmemory.core.internal.nearcache.InvalidationListener;
import io.sharedmemory.core.internal.nearcache.InvalidationSource;
import io.sharedmemory.core.internal.nearcache.NearCacheSettings;
import io.sharedmemory.core.internal.nearcache.NearCachedStore;
import io.sharedmemory.redis.RedisClientTracking;
import io.sharedmemory.redis.RedisKeyValueStore;

import org.springframework.data.redis.connection.RedisSocketConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * How long another client's write takes to reach a near cache, in the redis role and in the child
 * role: a writer store on a connection of its own sets a key the near cache holds, and the time from just
 * before the {@code set} is sent to the moment the near cache is told of the change is recorded;
 * then the time until a {@code get} of the near-cached store returns the new value.
 */
public final class InvalidationLatency {

    /**
     * What was measured.
     * @param samples how many writes
     * @param invalidated write sent to invalidation told, in microseconds
     * @param visible write sent to the near-cached get returning it, in microseconds
     */
    public record Result(int samples, Histogram invalidated, Histogram visible) {
    }

    private static final long TIMEOUT_NANOS = Duration.ofSeconds(5).toNanos();

    private InvalidationLatency() {
    }

    /**
     * Measures, on a redis-server of its own.
     * @param executable redis-server
     * @param directory a folder for its socket
     * @param samples how many writes to time (a tenth as many more warm up)
     * @return the histograms
     * @throws IOException if redis-server cannot run
     */
    public static Result measure(Path executable, Path directory, int samples) throws IOException {
        try (ProcessReaper reaper = new ProcessReaper();
                RedisServerProcess redis = new RedisServerProcess(executable, directory, reaper)) {
            LettuceConnectionFactory readerFactory = factory(redis);
            LettuceConnectionFactory writerFactory = factory(redis);
            Told told = new Told();
            InvalidationSource timed = told.timing(new RedisClientTracking(readerFactory, "lat:", Duration.ofSeconds(5)));
            try (NearCachedStore near = nearCached(
                    new RedisKeyValueStore(SharedMemory.builder().settings(), "lat:", readerFactory), timed);
                    RedisKeyValueStore writer = new RedisKeyValueStore(SharedMemory.builder().settings(), "lat:",
                            writerFactory)) {
                near.start();
                writer.start();
                return run(near, writer, told, samples);
            }
            finally {
                writerFactory.destroy();
                readerFactory.destroy();
            }
        }
    }

    /**
     * Measures in the child role: a main in this JVM, a writer child and a near-cached child, each
     * on its own connection, so every write goes writer → main → the near cache's connection.
     * @param directory a folder for main's socket
     * @param samples how many writes to time (a tenth as many more warm up)
     * @return the histograms
     */
    public static Result measureChild(Path directory, int samples) {
        Path socket = directory.resolve("lat.sock");
        try (KeyValueStore main = SharedMemory.builder().socketPath(socket).startMain();
                ChildKeyValueStore reader = new ChildKeyValueStore(SharedMemory.builder().socketPath(socket).settings());
                KeyValueStore writer = SharedMemory.builder().socketPath(socket).connectChild()) {
            Told told = new Told();
            try (NearCachedStore near = nearCached(reader, told.timing(reader))) {
                near.start();
                // A child connects in the background; until then its calls fail at once.
                spinUntil(near::isAvailable);
                return run(near, writer, told, samples);
            }
        }
    }

    private static NearCachedStore nearCached(SharedMemoryStore store, InvalidationSource source) {
        return new NearCachedStore(store, source, new NearCacheSettings(List.of("*"), 100),
                new ValueCodec(Set.of(), InvalidationLatency.class.getClassLoader()), StoreObserver.NONE);
    }

    private static Result run(NearCachedStore near, KeyValueStore writer, Told told, int samples) {
        Histogram invalidated = new Histogram(3);
        Histogram visible = new Histogram(3);
        // Tracking registers in the background: a key is cached only once it is live.
        spinUntil(() -> near.get("hot") == null && near.cachedKeys() > 0);
        int warmup = samples / 10;
        for (int i = 0; i < warmup + samples; i++) {
            // The key is cached before each write, so each write has something to invalidate.
            near.get("hot");
            near.get("hot");
            long before = told.count.get();
            long value = i;
            long sent = System.nanoTime();
            writer.set("hot", value);
            spinUntil(() -> told.count.get() > before);
            long invalidation = told.at.get() - sent;
            spinUntil(() -> Long.valueOf(value).equals(near.get("hot")));
            long seen = System.nanoTime() - sent;
            if (i >= warmup) {
                invalidated.recordValue(Math.max(1, invalidation / 1000));
                visible.recordValue(Math.max(1, seen / 1000));
            }
        }
        return new Result(samples, invalidated, visible);
    }

    private static void spinUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no invalidation within 5 s: is tracking live?");
            }
            // Yield, not spin: on two cores a spinning waiter would hold the CPU the I/O and listener
            // threads need to deliver what it waits for.
            Thread.yield();
        }
    }

    private static LettuceConnectionFactory factory(RedisServerProcess redis) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisSocketConfiguration(redis.socket().toString()));
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    /** How many invalidations the near cache was told of, and when the last one was. */
    private static final class Told {

        final AtomicLong count = new AtomicLong();

        final AtomicLong at = new AtomicLong();

        /** The source, with the moment of each invalidation noted after the near cache was told. */
        InvalidationSource timing(InvalidationSource source) {
            return (globs, listener) -> source.track(globs, new InvalidationListener() {
                @Override
                public void live() {
                    listener.live();
                }

                @Override
                public void invalidated(String key) {
                    listener.invalidated(key);
                    Told.this.at.set(System.nanoTime());
                    Told.this.count.incrementAndGet();
                }

                @Override
                public void lost() {
                    listener.lost();
                }
            });
        }
    }
}
