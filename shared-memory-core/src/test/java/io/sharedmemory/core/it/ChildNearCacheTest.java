package io.sharedmemory.core.it;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryException;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.StoreObserver;
import io.sharedmemory.core.internal.client.ChildKeyValueStore;
import io.sharedmemory.core.internal.codec.ValueCodec;
import io.sharedmemory.core.internal.nearcache.CountedInvalidations;
import io.sharedmemory.core.internal.nearcache.InvalidationSource;
import io.sharedmemory.core.internal.nearcache.NearCacheSettings;
import io.sharedmemory.core.internal.nearcache.NearCachedStore;
import io.sharedmemory.core.testing.SeededRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The near cache of the child role: main in its own JVM, writer children in theirs raising keys,
 * and in this JVM a near-cached child whose connection to main is cut at random (through a
 * relay socket) — a near-cached read never returns a value older than the last invalidation
 * received. The check is the fence of the redis role's test: read a key's value {@code x} straight
 * from main, then change a marker key twice, each time waiting until the near cache was told of it
 * (or lost tracking); main pushes one connection's invalidations in the order it applied the
 * changes, so by then every change of the key up to {@code x} has been told, and a near-cached
 * {@code get} must return at least {@code x} (values only grow).
 */
class ChildNearCacheTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final int KEYS = 32;

    private static final String MARKER = "marker";

    /** Under java.io.tmpdir, short enough for socket paths. */
    @TempDir
    Path directory;

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    private final List<Process> writers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        this.writers.forEach(Process::destroyForcibly);
        for (int i = this.cleanup.size() - 1; i >= 0; i--) {
            this.cleanup.get(i).close();
        }
    }

    @Test
    void nearCachedReadsNeverReturnAValueOlderThanTheLastInvalidationWhileWritersRunAndTheLinkIsCut()
            throws Exception {
        SeededRandom random = SeededRandom.fromSystemProperty();
        Path directory = this.directory;
        Path socket = directory.resolve("m.sock");
        AgentProcess main = AgentProcess.main(socket);
        this.cleanup.add(main);
        for (int i = 0; i < 2; i++) {
            startWriter(socket, random.nextLong());
        }
        SocketRelay relay = new SocketRelay(directory.resolve("r.sock"), socket);
        this.cleanup.add(relay);
        SharedMemoryStore raw = SharedMemory.builder().socketPath(socket).connectChild();
        this.cleanup.add(raw);
        ChildKeyValueStore child = new ChildKeyValueStore(SharedMemory.builder().socketPath(directory.resolve("r.sock"))
            .requestTimeout(Duration.ofSeconds(2)).settings());
        CountedInvalidations invalidations = new CountedInvalidations(child);
        AtomicLong hits = new AtomicLong();
        NearCachedStore store = new NearCachedStore(child, invalidations, new NearCacheSettings(List.of("k*"), 100),
                new ValueCodec(Set.of(), getClass().getClassLoader()), new StoreObserver() {
                    @Override
                    public void nearCacheGet(boolean hit) {
                        if (hit) {
                            hits.incrementAndGet();
                        }
                    }
                });
        this.cleanup.add(store);
        store.start();
        await().atMost(WAIT).until(() -> invalidations.lives.get() > 0 && raw.isAvailable());

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong cuts = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                long seed = random.nextLong();
                readers.add(pool.submit(() -> readMonotonically(store, new SeededRandom(seed), running, random.seed())));
            }
            long chaosSeed = random.nextLong();
            Future<?> chaos = pool.submit(() -> {
                SeededRandom mine = new SeededRandom(chaosSeed);
                while (running.get()) {
                    // Pacing the chaos, not waiting for a condition.
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(mine.intBetween(50, 250)));
                    cuts.addAndGet(relay.cutAll());
                }
                return null;
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            int checks = 0;
            while (System.nanoTime() < deadline) {
                String key = "k" + random.nextInt(KEYS);
                long before = value(raw.get(key));
                fence(raw, invalidations);
                long read = await().atMost(WAIT).pollInterval(Duration.ofMillis(10))
                    .ignoreExceptionsInstanceOf(SharedMemoryException.class)
                    .until(() -> value(store.get(key)), (value) -> true);
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
        }
        assertThat(hits.get()).as("hits, seed %s", random.seed()).isPositive();
        assertThat(invalidations.total.get()).as("invalidations").isPositive();
        assertThat(cuts.get()).as("connections cut").isPositive();
        assertThat(invalidations.losses.get()).as("tracking lost").isPositive();
        assertThat(invalidations.lives.get()).as("tracking registered again").isGreaterThan(1);
        for (Process writer : this.writers) {
            writer.getOutputStream().close();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).as("writer exits").isTrue();
        }
    }

    private static void fence(SharedMemoryStore raw, CountedInvalidations invalidations) {
        for (int round = 0; round < 2; round++) {
            long seen = invalidations.invalidations(MARKER);
            long losses = invalidations.losses.get();
            raw.increment(MARKER, 1);
            // Polled closely: a slow fence would let the writers' next changes hide a stale value.
            await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                .until(() -> invalidations.invalidations(MARKER) > seen || invalidations.losses.get() > losses);
        }
    }

    private static Void readMonotonically(NearCachedStore store, SeededRandom random, AtomicBoolean running, long seed) {
        Map<String, Long> seen = new HashMap<>();
        while (running.get()) {
            String key = "k" + random.nextInt(KEYS);
            long value;
            try {
                value = value(store.get(key));
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

    private static long value(Object value) {
        return (value instanceof Long number) ? number : 0L;
    }

    private void startWriter(Path socket, long seed) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx96m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ChildNearCacheWriter.class.getName(), socket.toString(), Integer.toString(KEYS), Long.toString(seed));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        this.writers.add(process);
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
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
