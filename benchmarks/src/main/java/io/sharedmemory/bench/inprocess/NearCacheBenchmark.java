package io.sharedmemory.bench.inprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.sharedmemory.bench.Executables;
import io.sharedmemory.bench.process.ProcessReaper;
import io.sharedmemory.bench.redis.RedisServerProcess;
import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.StoreObserver;
import io.sharedmemory.core.internal.codec.ValueCodec;
import io.sharedmemory.core.internal.nearcache.NearCacheSettings;
import io.sharedmemory.core.internal.nearcache.NearCachedStore;
import io.sharedmemory.redis.RedisClientTracking;
import io.sharedmemory.redis.RedisKeyValueStore;

import org.springframework.data.redis.connection.RedisSocketConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A near-cached hot {@code get} (every key read once, then answered by the near cache) against
 * main's own in-process {@code get} and {@code ConcurrentHashMap.get}, on the same keys and values
 * as {@link InProcessBenchmark}. The near cache is the redis role's, on a real redis-server with
 * Redis's client tracking live: the hit path is the same code in the child role.
 */
public class NearCacheBenchmark {

    /** A redis-role store behind a near cache, every key read once. */
    @State(Scope.Benchmark)
    public static class NearState extends InProcessBenchmark.Data {

        private Path directory;
        private ProcessReaper reaper;
        private RedisServerProcess redis;
        private LettuceConnectionFactory factory;
        NearCachedStore near;

        /**
         * Starts redis-server, the store and its tracking, loads and reads every key.
         * @throws IOException if redis-server cannot run
         */
        @Setup(Level.Trial)
        public void start() throws IOException {
            prepare();
            this.directory = Files.createTempDirectory(Path.of("/tmp"), "smnc");
            this.reaper = new ProcessReaper();
            Path executable = Executables.redisServer(this.directory)
                    .orElseThrow(() -> new IOException("no redis-server to run"));
            this.redis = new RedisServerProcess(executable, this.directory, this.reaper);
            this.factory = new LettuceConnectionFactory(new RedisSocketConfiguration(this.redis.socket().toString()));
            this.factory.afterPropertiesSet();
            this.factory.start();
            RedisKeyValueStore store = new RedisKeyValueStore(SharedMemory.builder().settings(), "bench:", this.factory);
            this.near = new NearCachedStore(store, new RedisClientTracking(this.factory, "bench:", Duration.ofSeconds(5)),
                    new NearCacheSettings(List.of("*"), 10_000), new ValueCodec(Set.of(), getClass().getClassLoader()),
                    StoreObserver.NONE);
            this.near.start();
            for (String key : this.keys) {
                this.near.set(key, this.value);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (this.near.cachedKeys() < this.keys.length) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the near cache did not fill: is tracking live?");
                }
                for (String key : this.keys) {
                    this.near.get(key);
                }
            }
        }

        /**
         * Stops everything and removes the folder.
         * @throws IOException if the folder cannot be listed
         */
        @TearDown(Level.Trial)
        public void stop() throws IOException {
            if (this.near != null) {
                this.near.close();
            }
            if (this.factory != null) {
                this.factory.destroy();
            }
            if (this.redis != null) {
                this.redis.close();
            }
            this.reaper.close();
            try (Stream<Path> files = Files.walk(this.directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /**
     * Near-cached get (a hit).
     * @param state the store
     * @return the value
     */
    @Benchmark
    public Object nearGet(NearState state) {
        return state.near.get(state.nextKey());
    }

    /**
     * shared-memory main: get, in process.
     * @param state the store
     * @return the value
     */
    @Benchmark
    public Object mainGet(InProcessBenchmark.MainState state) {
        return state.main.get(state.nextKey());
    }

    /**
     * ConcurrentHashMap: get.
     * @param state the map
     * @return the value
     */
    @Benchmark
    public Object mapGet(InProcessBenchmark.MapState state) {
        return state.map.get(state.nextKey());
    }
}
