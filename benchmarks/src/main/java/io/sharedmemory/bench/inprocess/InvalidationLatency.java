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
import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.StoreObserver;
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
 * How long another client's write takes to reach a near cache in the redis role: a writer store
 * on a connection factory of its own sets a key the near cache holds, and the time from just
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
            AtomicLong told = new AtomicLong();
            AtomicLong toldAt = new AtomicLong();
            InvalidationSource timed = timed(new RedisClientTracking(readerFactory, "lat:", Duration.ofSeconds(5)), told,
                    toldAt);
            try (NearCachedStore near = new NearCachedStore(
                    new RedisKeyValueStore(SharedMemory.builder().settings(), "lat:", readerFactory), timed,
                    new NearCacheSettings(List.of("*"), 100), new ValueCodec(Set.of(), InvalidationLatency.class.getClassLoader()),
                    StoreObserver.NONE);
                    RedisKeyValueStore writer = new RedisKeyValueStore(SharedMemory.builder().settings(), "lat:",
                            writerFactory)) {
                near.start();
                writer.start();
                Histogram invalidated = new Histogram(3);
                Histogram visible = new Histogram(3);
                // Tracking registers in the background: a key is cached only once it is live.
                spinUntil(() -> near.get("hot") == null && near.cachedKeys() > 0);
                int warmup = samples / 10;
                for (int i = 0; i < warmup + samples; i++) {
                    // The key is cached before each write, so each write has something to invalidate.
                    near.get("hot");
                    near.get("hot");
                    long before = told.get();
                    long value = i;
                    long sent = System.nanoTime();
                    writer.set("hot", value);
                    spinUntil(() -> told.get() > before);
                    long invalidation = toldAt.get() - sent;
                    spinUntil(() -> Long.valueOf(value).equals(near.get("hot")));
                    long seen = System.nanoTime() - sent;
                    if (i >= warmup) {
                        invalidated.recordValue(Math.max(1, invalidation / 1000));
                        visible.recordValue(Math.max(1, seen / 1000));
                    }
                }
                return new Result(samples, invalidated, visible);
            }
            finally {
                writerFactory.destroy();
                readerFactory.destroy();
            }
        }
    }

    private static void spinUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no invalidation within 5 s: is tracking live?");
            }
            Thread.onSpinWait();
        }
    }

    private static LettuceConnectionFactory factory(RedisServerProcess redis) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisSocketConfiguration(redis.socket().toString()));
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    /** The source, with the moment of each invalidation noted after the near cache was told. */
    private static InvalidationSource timed(InvalidationSource source, AtomicLong told, AtomicLong toldAt) {
        return (globs, listener) -> source.track(globs, new InvalidationListener() {
            @Override
            public void live() {
                listener.live();
            }

            @Override
            public void invalidated(String key) {
                listener.invalidated(key);
                toldAt.set(System.nanoTime());
                told.incrementAndGet();
            }

            @Override
            public void lost() {
                listener.lost();
            }
        });
    }
}
