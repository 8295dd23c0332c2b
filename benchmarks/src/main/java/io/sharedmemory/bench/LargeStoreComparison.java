package io.sharedmemory.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.HdrHistogram.Histogram;

import io.sharedmemory.bench.large.LargeData;
import io.sharedmemory.bench.load.PhaseResult;
import io.sharedmemory.bench.process.JvmLauncher;
import io.sharedmemory.bench.process.ProcessReaper;
import io.sharedmemory.bench.process.WorkerProcess;
import io.sharedmemory.bench.redis.RedisServerProcess;

/**
 * The large-store rows: a store of many keys of 32 B read whole from another process (a child's
 * {@code getAll}, the redis role's {@code getAll}, raw Lettuce SCAN + MGET), and the memory it
 * takes per key in main and in Redis. Each side gets a server of its own, started empty, so the
 * memory measured is what these keys add: main's heap in use after full collections, Redis's
 * {@code used_memory}, before and after one worker loads the keys.
 */
final class LargeStoreComparison {

    private static final long LOAD_TIMEOUT_MILLIS = 15 * 60_000L;

    private static final long START_DELAY_NANOS = 200_000_000L;

    private final BenchOptions options;

    private final JvmLauncher launcher;

    private final ProcessReaper reaper;

    private final Path work;

    private final List<Measurement> rows = new ArrayList<>();

    private final Scenario read;

    private final Scenario memory;

    private boolean failed;

    LargeStoreComparison(BenchOptions options, JvmLauncher launcher, ProcessReaper reaper, Path work) {
        this.options = options;
        this.launcher = launcher;
        this.reaper = reaper;
        this.work = work.resolve("large");
        this.read = Scenario.largeGetAll(options.largeKeys(), LargeData.VALUE_SIZE);
        this.memory = Scenario.memory(options.largeKeys(), LargeData.VALUE_SIZE);
    }

    /** Runs every large-store row; {@link #failed()} tells whether one failed. */
    List<Measurement> run() {
        sharedMemory();
        redis();
        return this.rows;
    }

    boolean failed() {
        return this.failed;
    }

    private void sharedMemory() {
        Path socket = this.work.resolve("sm").resolve("main.sock");
        WorkerProcess main = null;
        WorkerProcess child = null;
        try {
            Files.createDirectories(socket.getParent());
            main = this.launcher.start("sm-main-large", "sm-main", List.of("socket=" + socket));
            main.awaitReady(30_000);
            long before = heap(main);
            child = this.launcher.start("sm-large", "large", arguments("sm", socket, true));
            child.awaitReady(LOAD_TIMEOUT_MILLIS);
            long after = heap(main);
            this.rows.add(Measurement.memory(this.memory, SystemUnderTest.SHARED_MEMORY, perKey(after - before),
                    "main's heap in use after full GCs, before and after a child's setAll of every key, ÷ keys"));
            this.rows.add(readRow(SystemUnderTest.SHARED_MEMORY, child,
                    "a child's getAll: one snapshot, in parts of 256 KiB"));
        }
        catch (IOException | RuntimeException ex) {
            fail(List.of(SystemUnderTest.SHARED_MEMORY), ex);
        }
        finally {
            close(child);
            close(main);
        }
    }

    private void redis() {
        List<SystemUnderTest> systems = List.of(SystemUnderTest.REDIS_SERVER, SystemUnderTest.SHARED_MEMORY_REDIS,
                SystemUnderTest.LETTUCE_SHARED);
        Optional<Path> binary;
        try {
            binary = this.options.redis() ? Executables.redisServer(this.work.resolve("redis-bin")) : Optional.empty();
        }
        catch (IOException ex) {
            binary = Optional.empty();
        }
        if (binary.isEmpty()) {
            String reason = this.options.redis() ? "skipped: no redis-server" : "skipped: --no-redis";
            systems.forEach((system) -> this.rows.add(Measurement.missing(
                    (system == SystemUnderTest.REDIS_SERVER) ? this.memory : this.read, system, reason)));
            return;
        }
        WorkerProcess role = null;
        WorkerProcess lettuce = null;
        try (RedisServerProcess server = new RedisServerProcess(binary.get(),
                Files.createDirectories(this.work.resolve("redis")), this.reaper)) {
            long before = server.usedMemory();
            role = this.launcher.start("sm-redis-large", "large", arguments("sm-redis", server.socket(), true));
            role.awaitReady(LOAD_TIMEOUT_MILLIS);
            long after = server.usedMemory();
            this.rows.add(Measurement.memory(this.memory, SystemUnderTest.REDIS_SERVER, perKey(after - before),
                    "INFO used_memory before and after the redis role's setAll (MSET) of the same keys and value "
                            + "bytes, ÷ keys"));
            this.rows.add(readRow(SystemUnderTest.SHARED_MEMORY_REDIS, role,
                    "the redis role's getAll: SCAN + MGET per 1,000 keys"));
            close(role);
            role = null;
            lettuce = this.launcher.start("lettuce-large", "large", arguments("lettuce", server.socket(), false));
            lettuce.awaitReady(60_000);
            this.rows.add(readRow(SystemUnderTest.LETTUCE_SHARED, lettuce,
                    "SCAN of 1,000 + MGET per page as it arrives, values decoded"));
        }
        catch (IOException | RuntimeException ex) {
            fail(systems, ex);
        }
        finally {
            close(role);
            close(lettuce);
        }
    }

    private List<String> arguments(String target, Path socket, boolean load) {
        return List.of("target=" + target, "socket=" + socket, "keys=" + this.options.largeKeys(),
                "rounds=" + this.options.largeRounds(), "load=" + load);
    }

    /** Starts a loaded worker's reads and turns them into a row: one operation is one whole read. */
    private Measurement readRow(SystemUnderTest system, WorkerProcess worker, String note) throws IOException {
        worker.send("GO " + (System.nanoTime() + START_DELAY_NANOS));
        List<String> results = worker.awaitResults((this.options.largeRounds() + 1) * 300_000L);
        Histogram latencies = PhaseResult.fromLine(results.get(0)).latencies();
        double mean = latencies.getMean();
        return new Measurement(this.read, system, 1e9 / mean, latencies.getValueAtPercentile(50) / 1000.0,
                latencies.getValueAtPercentile(99) / 1000.0, String.format(Locale.ROOT, "%s; %.2f s per read, %d reads",
                        note, mean / 1e9, latencies.getTotalCount()));
    }

    private static long heap(WorkerProcess main) throws IOException {
        main.send("HEAP");
        return Long.parseLong(main.awaitResults(60_000).get(0).trim());
    }

    private double perKey(long bytes) {
        return bytes / (double) this.options.largeKeys();
    }

    private void fail(List<SystemUnderTest> systems, Exception ex) {
        this.failed = true;
        for (SystemUnderTest system : systems) {
            boolean memoryRow = system == SystemUnderTest.REDIS_SERVER || system == SystemUnderTest.SHARED_MEMORY;
            if (memoryRow && this.rows.stream().noneMatch((row) -> row.system() == system
                    && row.scenario().equals(this.memory))) {
                this.rows.add(Measurement.missing(this.memory, system, "failed: " + ex.getMessage()));
            }
            if (system != SystemUnderTest.REDIS_SERVER && this.rows.stream().noneMatch((row) -> row.system() == system
                    && row.scenario().equals(this.read))) {
                this.rows.add(Measurement.missing(this.read, system, "failed: " + ex.getMessage()));
            }
        }
    }

    private static void close(WorkerProcess worker) {
        if (worker != null) {
            worker.close();
        }
    }
}
