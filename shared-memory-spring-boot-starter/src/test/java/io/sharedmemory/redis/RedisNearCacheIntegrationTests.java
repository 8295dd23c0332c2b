package io.sharedmemory.redis;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryException;
import io.sharedmemory.core.StoreObserver;
import io.sharedmemory.core.internal.codec.ValueCodec;
import io.sharedmemory.core.internal.nearcache.CountedInvalidations;
import io.sharedmemory.core.internal.nearcache.NearCacheSettings;
import io.sharedmemory.core.internal.nearcache.NearCachedStore;
import io.sharedmemory.core.testing.SeededRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The near cache of the redis role against a real redis-server, with writer JVMs raising keys and
 * connections cut at random with {@code CLIENT KILL}: a near-cached read never returns a value
 * older than the last invalidation received.
 * <p>
 * The check is a fence. The test reads a key's value {@code x} straight from Redis, then writes a
 * marker key twice, each time waiting until the near cache was told of it (or of a lost tracking).
 * Redis sends a connection's invalidations in the order it applied the writes, and the second
 * marker's message comes after the first's has been handled whole; so by then the near cache has
 * received the invalidation of every change of the key up to {@code x}, and a near-cached
 * {@code get} of the key must return at least {@code x} (values only grow).
 */
class RedisNearCacheIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final int KEYS = 32;

    private static final String MARKER = "marker";

    private TestRedisServer redis;

    private final List<Process> writers = new ArrayList<>();

    private LettuceConnectionFactory factory;

    private NearCachedStore store;

    private RedisClient control;

    @BeforeEach
    void start() {
        this.redis = TestRedisServer.start();
    }

    @AfterEach
    void stop() {
        this.writers.forEach(Process::destroyForcibly);
        if (this.store != null) {
            this.store.close();
        }
        if (this.factory != null) {
            this.factory.destroy();
        }
        if (this.control != null) {
            this.control.shutdown();
        }
        this.redis.close();
    }

    @Test
    void nearCachedReadsNeverReturnAValueOlderThanTheLastInvalidationWhileWritersRunAndConnectionsAreCut()
            throws Exception {
        SeededRandom random = SeededRandom.fromSystemProperty();
        String prefix = "nc-" + UUID.randomUUID() + ":";
        for (int i = 0; i < 2; i++) {
            startWriter(prefix, random.nextLong());
        }
        this.factory = this.redis.connectionFactory();
        RedisKeyValueStore redisStore = new RedisKeyValueStore(SharedMemory.builder().requestTimeout(Duration.ofSeconds(2))
            .settings(), prefix, this.factory);
        CountedInvalidations invalidations = new CountedInvalidations(
                new RedisClientTracking(this.factory, prefix, Duration.ofSeconds(2)));
        AtomicLong hits = new AtomicLong();
        this.store = new NearCachedStore(redisStore, invalidations, new NearCacheSettings(List.of("k*"), 100),
                new ValueCodec(Set.of(), getClass().getClassLoader()), new StoreObserver() {
                    @Override
                    public void nearCacheGet(boolean hit) {
                        if (hit) {
                            hits.incrementAndGet();
                        }
                    }
                });
        this.store.start();
        await().atMost(WAIT).until(() -> invalidations.lives.get() > 0);

        this.control = RedisClient.create(RedisURI.create("127.0.0.1", this.redis.port()));
        StatefulRedisConnection<String, String> connection = this.control.connect();
        RedisCommands<String, String> raw = connection.sync();
        long controlId = raw.clientId();

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong kills = new AtomicLong();
        AtomicLong trackingKills = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                long seed = random.nextLong();
                readers.add(pool.submit(() -> readMonotonically(new SeededRandom(seed), running, random.seed())));
            }
            long chaosSeed = random.nextLong();
            Future<?> chaos = pool.submit(() -> {
                cutConnections(new SeededRandom(chaosSeed), running, controlId, kills, trackingKills);
                return null;
            });

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            int checks = 0;
            while (System.nanoTime() < deadline) {
                String key = "k" + random.nextInt(KEYS);
                long before = value(raw.get(prefix + key));
                fence(raw, prefix, invalidations);
                long read = readNear(key);
                assertThat(read).as("near-cached %s after the invalidations up to %s arrived (seed %s)", key, before,
                        random.seed()).isGreaterThanOrEqualTo(before);
                checks++;
            }
            running.set(false);
            for (Future<?> reader : readers) {
                reader.get(60, TimeUnit.SECONDS);
            }
            chaos.get(60, TimeUnit.SECONDS);
            assertThat(checks).as("seed %s", random.seed()).isGreaterThan(20);
        }
        catch (java.util.concurrent.ExecutionException ex) {
            throw new AssertionError("seed " + random.seed() + ": " + ex.getCause(), ex.getCause());
        }
        finally {
            running.set(false);
            pool.shutdownNow();
            connection.close();
        }
        // The run did what it claims: writers wrote, the cache answered, connections and tracking were cut.
        assertThat(hits.get()).as("hits, seed %s", random.seed()).isPositive();
        assertThat(invalidations.total.get()).as("invalidations").isPositive();
        assertThat(kills.get()).as("connections cut").isPositive();
        assertThat(trackingKills.get()).as("tracking connections cut").isPositive();
        assertThat(invalidations.losses.get()).as("tracking lost").isPositive();
        assertThat(invalidations.lives.get()).as("tracking registered again").isGreaterThan(1);
        for (Process writer : this.writers) {
            writer.getOutputStream().close();
        }
        for (Process writer : this.writers) {
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).as("writer exits").isTrue();
            assertThat(writer.exitValue()).isZero();
        }
    }

    @Test
    void aFlushOfRedisEmptiesTheNearCacheAndTrackingStaysLive() {
        String prefix = "flush-" + UUID.randomUUID() + ":";
        this.factory = this.redis.connectionFactory();
        CountedInvalidations invalidations = new CountedInvalidations(
                new RedisClientTracking(this.factory, prefix, Duration.ofSeconds(2)));
        this.store = new NearCachedStore(new RedisKeyValueStore(SharedMemory.builder().settings(), prefix, this.factory),
                invalidations, new NearCacheSettings(List.of("*"), 100),
                new ValueCodec(Set.of(), getClass().getClassLoader()), StoreObserver.NONE);
        this.store.start();
        this.store.set("k", "v");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(this.store.get("k")).isEqualTo("v");
            assertThat(this.store.cachedKeys()).isEqualTo(1);
        });
        this.control = RedisClient.create(RedisURI.create("127.0.0.1", this.redis.port()));
        try (StatefulRedisConnection<String, String> connection = this.control.connect()) {
            // FLUSHALL tells no key: Redis sends an invalidation without keys.
            connection.sync().flushall();
        }
        await().atMost(WAIT).until(() -> invalidations.losses.get() == 1 && invalidations.lives.get() == 2);
        assertThat(this.store.get("k")).isNull();
        // Tracking was never dropped: a new value is cached and invalidated as before.
        this.store.set("k", "w");
        await().atMost(WAIT).until(() -> "w".equals(this.store.get("k")) && this.store.cachedKeys() == 1);
    }

    /** Writes the marker twice, each time waiting until the near cache was told, or lost tracking. */
    private void fence(RedisCommands<String, String> raw, String prefix, CountedInvalidations invalidations) {
        for (int round = 0; round < 2; round++) {
            long seen = invalidations.invalidations(MARKER);
            long losses = invalidations.losses.get();
            raw.incr(prefix + MARKER);
            // Polled closely: a slow fence would let the writers' next changes hide a stale value.
            await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                .until(() -> invalidations.invalidations(MARKER) > seen
                    || invalidations.losses.get() > losses);
        }
    }

    /** A near-cached read, retried while Redis is cut off from this JVM. */
    private long readNear(String key) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).ignoreExceptionsInstanceOf(SharedMemoryException.class)
            .until(() -> value(this.store.get(key)), (value) -> true);
    }

    private Void readMonotonically(SeededRandom random, AtomicBoolean running, long seed) {
        Map<String, Long> seen = new HashMap<>();
        while (running.get()) {
            String key = "k" + random.nextInt(KEYS);
            long value;
            try {
                value = value(this.store.get(key));
            }
            catch (SharedMemoryException ex) {
                continue;
            }
            assertThat(value).as("monotonic reads of %s in one thread (seed %s)", key, seed)
                .isGreaterThanOrEqualTo(seen.getOrDefault(key, 0L));
            seen.put(key, value);
        }
        return null;
    }

    /** Every 50 to 250 ms kills a random client (every third time one that tracks), never the control one. */
    private void cutConnections(SeededRandom random, AtomicBoolean running, long controlId, AtomicLong kills,
            AtomicLong trackingKills) {
        try (StatefulRedisConnection<String, String> connection = this.control.connect()) {
            RedisCommands<String, String> raw = connection.sync();
            long ownId = raw.clientId();
            int round = 0;
            while (running.get()) {
                // Pacing the chaos, not waiting for a condition.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(random.intBetween(50, 250)));
                boolean tracking = (round++ % 3) == 0;
                List<Long> candidates = new ArrayList<>();
                for (String line : raw.clientList().split("\n")) {
                    long id = Long.parseLong(field(line, "id"));
                    boolean tracks = field(line, "flags").contains("t");
                    if (id != controlId && id != ownId && (!tracking || tracks)) {
                        candidates.add(id);
                    }
                }
                if (!candidates.isEmpty()) {
                    raw.clientKill(io.lettuce.core.KillArgs.Builder.id(candidates.get(random.nextInt(candidates.size()))));
                    kills.incrementAndGet();
                    if (tracking) {
                        trackingKills.incrementAndGet();
                    }
                }
            }
        }
    }

    private static String field(String clientLine, String name) {
        for (String part : clientLine.trim().split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new IllegalStateException("No " + name + " in " + clientLine);
    }

    private static long value(Object value) {
        if (value == null) {
            return 0;
        }
        return (value instanceof Long number) ? number : Long.parseLong(value.toString());
    }

    private void startWriter(String prefix, long seed) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx96m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                NearCacheWriterMain.class.getName(), Integer.toString(this.redis.port()), prefix, Integer.toString(KEYS),
                Long.toString(seed));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        this.writers.add(process);
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        // Logging may print first; READY comes once the writer's store answers.
        String ready = output.readLine();
        while (ready != null && !ready.equals("READY")) {
            ready = output.readLine();
        }
        assertThat(ready).as("writer JVM started").isEqualTo("READY");
        Thread drain = new Thread(() -> output.lines().forEach((line) -> { }), "writer-output-" + process.pid());
        drain.setDaemon(true);
        drain.start();
    }
}
