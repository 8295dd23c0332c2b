package io.sharedmemory.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;

import io.sharedmemory.bench.BenchOptions.Part;
import io.sharedmemory.bench.inprocess.InProcessRunner;
import io.sharedmemory.bench.inprocess.MeterCostProbe;
import io.sharedmemory.bench.load.Op;
import io.sharedmemory.bench.load.PhaseResult;
import io.sharedmemory.bench.process.JvmLauncher;
import io.sharedmemory.bench.process.ProcessReaper;
import io.sharedmemory.bench.process.WorkerProcess;
import io.sharedmemory.bench.pubsub.PubSubMessages;
import io.sharedmemory.bench.python.PythonManagerRunner;
import io.sharedmemory.bench.redis.RedisBenchmarkRunner;
import io.sharedmemory.bench.redis.RedisServerProcess;


/**
 * One whole comparison run. Servers (the floor, shared-memory's main, redis-server) are started
 * once; then, shape by shape, every system is loaded in turn, so that a burst of noise on a shared
 * machine hits neighbouring rows alike rather than one system's rows.
 */
public final class Comparison {


    private final BenchOptions options;
    private final List<Measurement> rows = new ArrayList<>();
    private final List<String> environment = new ArrayList<>();
    private boolean failed;

    /**
     * @param options the settings
     */
    public Comparison(BenchOptions options) {
        this.options = options;
    }

    /**
     * What a run produced.
     *
     * @param table the results
     * @param environment facts about the machine and the run, one per line
     * @param workDirectory the run's temporary folder (kept, with worker logs, when something failed)
     */
    public record Report(ResultTable table, List<String> environment, Path workDirectory) {
    }

    /**
     * Runs every row.
     * @return the report
     * @throws IOException if the temporary folder cannot be made
     */
    public Report run() throws IOException {
        long began = System.nanoTime();
        // Short: a Unix socket path must stay under 108 bytes.
        Path work = Files.createTempDirectory(Path.of("/tmp"), "smbench");
        Path logs = Files.createDirectories(work.resolve("logs"));
        if (this.options.jfrDirectory() != null) {
            Files.createDirectories(this.options.jfrDirectory());
        }
        describeEnvironment();
        try (ProcessReaper reaper = new ProcessReaper()) {
            JvmLauncher launcher = new JvmLauncher(reaper, logs, this.options.jfrDirectory());
            KvLoads loads = new KvLoads(this.options, launcher, this.rows, this.environment, redisSkipReason());
            runServersAndLoads(launcher, loads, reaper, work);
            if (this.options.runs(Part.LARGE)) {
                LargeStoreComparison large = new LargeStoreComparison(this.options, launcher, reaper, work);
                this.rows.addAll(large.run());
                this.failed |= large.failed();
            }
            if (this.options.runs(Part.PERSISTENCE)) {
                PersistedComparison persisted = new PersistedComparison(this.options, launcher, reaper, work, loads,
                        this.environment);
                persisted.run();
                this.failed |= persisted.failed();
            }
            this.failed |= loads.failed();
            if (this.options.runs(Part.INPROCESS)) {
                runInProcess();
            }
            if (this.options.runs(Part.PYTHON)) {
                runPython(work, reaper);
            }
        }
        this.environment.add(String.format(Locale.ROOT, "whole run: %.0f s", (System.nanoTime() - began) / 1e9));
        if (!this.failed && !this.options.keepLogs()) {
            deleteRecursively(work);
        }
        else {
            this.environment.add("worker logs: " + logs);
        }
        return new Report(new ResultTable(this.rows), this.environment, work);
    }

    private void runServersAndLoads(JvmLauncher launcher, KvLoads loads, ProcessReaper reaper, Path work) {
        Path floorSocket = work.resolve("floor.sock");
        Path mainSocket = work.resolve("sm").resolve("main.sock");
        boolean sm = this.options.runs(Part.SM) || this.options.runs(Part.METRICS) || this.options.runs(Part.PUBSUB);
        boolean anyRedis = this.options.runs(Part.REDIS_BENCHMARK) || this.options.runs(Part.LETTUCE)
                || this.options.runs(Part.REDIS_ROLE) || this.options.runs(Part.PUBSUB);
        WorkerProcess floor = this.options.runs(Part.FLOOR)
                ? startServer(launcher, "floor-server", "floor-server", floorSocket) : null;
        WorkerProcess main = sm ? startServer(launcher, "sm-main", "sm-main", mainSocket) : null;
        Optional<RedisServerProcess> redis = anyRedis ? startRedis(reaper, work) : Optional.empty();
        try {
            Optional<RedisBenchmarkRunner> redisBenchmark = redis.flatMap(server -> Executables.find("redis-benchmark")
                    .map(binary -> new RedisBenchmarkRunner(binary, server.socket(), server.pid(), reaper)));
            Path redisSocket = redis.map(RedisServerProcess::socket).orElse(null);
            Long redisPid = redis.map(RedisServerProcess::pid).orElse(null);
            for (Shape shape : this.options.shapes()) {
                if (shape.callers() == 1 && shape.mode() == Shape.Mode.CLOSED && this.options.runs(Part.FLOOR)) {
                    loads.kvLoad(SystemUnderTest.FLOOR, "floor", floor != null ? floorSocket : null, shape, "",
                            pid(floor));
                    loads.kvLoad(SystemUnderTest.FLOOR_BUSY_POLL, "floor-poll", floor != null ? floorSocket : null,
                            shape, "", pid(floor));
                }
                boolean metered = this.options.runs(Part.METRICS) && shape.mode() == Shape.Mode.CLOSED;
                if (metered) {
                    loads.meteredPairs(main != null ? mainSocket : null, shape, pid(main));
                }
                else if (this.options.runs(Part.SM)) {
                    loads.kvLoad(SystemUnderTest.SHARED_MEMORY, "sm", main != null ? mainSocket : null, shape, "",
                            pid(main));
                }
                if (this.options.runs(Part.REDIS_BENCHMARK)) {
                    redisBenchmarkRows(redisBenchmark, shape);
                }
                if (this.options.runs(Part.LETTUCE)) {
                    loads.kvLoad(SystemUnderTest.LETTUCE_SHARED, "lettuce", redisSocket, shape,
                            shape.jvms() == 1 ? "1 connection" : shape.jvms() + " connections", redisPid);
                    if (shape.threads() > 1) {
                        loads.kvLoad(SystemUnderTest.LETTUCE_PER_THREAD, "lettuce-per-thread", redisSocket,
                                shape, shape.callers() + " connections", redisPid);
                    }
                }
                if (this.options.runs(Part.REDIS_ROLE)) {
                    loads.kvLoad(SystemUnderTest.SHARED_MEMORY_REDIS, "sm-redis", redisSocket, shape,
                            shape.jvms() == 1 ? "1 connection" : shape.jvms() + " connections", redisPid);
                }
            }
            if (this.options.runs(Part.METRICS)) {
                this.environment.add(MeterCostProbe.describe());
            }
            if (this.options.runs(Part.PUBSUB)) {
                pubSub(launcher, SystemUnderTest.SHARED_MEMORY, "sm", main != null ? mainSocket : null);
                pubSub(launcher, SystemUnderTest.REDIS_PUB_SUB, "lettuce", redisSocket);
            }
        }
        finally {
            redis.ifPresent(RedisServerProcess::close);
            if (main != null) {
                main.close();
            }
            if (floor != null) {
                floor.close();
            }
        }
    }

    private WorkerProcess startServer(JvmLauncher launcher, String name, String mode, Path socket) {
        WorkerProcess server = null;
        try {
            Files.createDirectories(socket.getParent());
            server = launcher.start(name, mode, List.of("socket=" + socket));
            server.awaitReady(30_000);
            return server;
        }
        catch (IOException | RuntimeException ex) {
            this.failed = true;
            this.environment.add(name + " did not start: " + ex.getMessage());
            if (server != null) {
                server.close();
            }
            return null;
        }
    }

    private Optional<RedisServerProcess> startRedis(ProcessReaper reaper, Path work) {
        if (!this.options.redis()) {
            return Optional.empty();
        }
        Optional<Path> binary;
        try {
            binary = Executables.redisServer(work.resolve("redis-bin"));
        }
        catch (IOException ex) {
            this.environment.add("Redis: the bundled redis-server could not be copied: " + ex.getMessage());
            return Optional.empty();
        }
        if (binary.isEmpty()) {
            return Optional.empty();
        }
        this.environment.add("Redis: " + firstLine(binary.get(), "--version"));
        try {
            return Optional.of(new RedisServerProcess(binary.get(), Files.createDirectories(work.resolve("redis")), reaper));
        }
        catch (IOException ex) {
            this.failed = true;
            this.environment.add("redis-server did not start: " + ex.getMessage());
            return Optional.empty();
        }
    }

    private String redisSkipReason() {
        if (!this.options.redis()) {
            return "skipped: --no-redis";
        }
        return "skipped: redis-server did not start";
    }

    private static Long pid(WorkerProcess server) {
        return (server != null) ? server.pid() : null;
    }

    private void redisBenchmarkRows(Optional<RedisBenchmarkRunner> runner, Shape shape) {
        for (int size : this.options.sizes()) {
            if (runner.isEmpty()) {
                for (Op op : Op.values()) {
                    this.rows.add(Measurement.missing(Scenario.childKv(op, size, shape), SystemUnderTest.REDIS_BENCHMARK,
                            Executables.find("redis-benchmark").isEmpty() && this.options.redis()
                                    ? "skipped: redis-benchmark not installed" : redisSkipReason()));
                }
                continue;
            }
            try {
                int probe = (this.options.measureSeconds() < 1) ? 1_000 : 20_000;
                Map<Op, RedisBenchmarkRunner.Row> result = runner.get().run(shape, size,
                        this.options.measureSeconds(), probe);
                result.forEach((op, row) -> this.rows.add(new Measurement(Scenario.childKv(op, size, shape),
                        SystemUnderTest.REDIS_BENCHMARK, row.opsPerSecond(), row.p50Micros(), row.p99Micros(),
                        RedisBenchmarkRunner.describe(shape), row.cpuMicrosPerOp())));
            }
            catch (IOException | RuntimeException ex) {
                this.failed = true;
                for (Op op : Op.values()) {
                    this.rows.add(Measurement.missing(Scenario.childKv(op, size, shape),
                            SystemUnderTest.REDIS_BENCHMARK, "failed: " + ex.getMessage()));
                }
            }
        }
    }

    /**
     * One publisher JVM publishing back to back to {@code subscribers} subscriber JVMs. Throughput
     * is what the subscribers together received of what was published in the measured window.
     */
    private void pubSub(JvmLauncher launcher, SystemUnderTest system, String target, Path socket) {
        int subscribers = this.options.subscribers();
        Scenario scenario = Scenario.pubSub(subscribers, PubSubMessages.SIZE);
        if (socket == null) {
            this.rows.add(Measurement.missing(scenario, system,
                    system.isRedis() ? redisSkipReason() : "skipped: its server did not start"));
            return;
        }
        long warmup = BenchOptions.nanos(this.options.firstWarmupSeconds());
        long measure = BenchOptions.nanos(this.options.measureSeconds());
        List<String> arguments = List.of("target=" + target, "socket=" + socket, "warmup=" + warmup,
                "measure=" + measure);
        List<WorkerProcess> workers = new ArrayList<>();
        try {
            for (int s = 0; s < subscribers; s++) {
                workers.add(launcher.start(target + "-sub-" + s, "subscribe", arguments));
            }
            for (WorkerProcess subscriber : workers) {
                // Subscriptions must be in place before anything is published.
                subscriber.awaitReady(60_000);
            }
            workers.add(launcher.start(target + "-pub", "publish", arguments));
            List<List<PhaseResult>> results = KvLoads.go(workers, warmup + measure + 2_000_000_000L);
            PhaseResult published = results.get(results.size() - 1).get(0);
            long delivered = 0;
            int starved = 0;
            Histogram merged = PhaseResult.newHistogram();
            for (List<PhaseResult> subscriberResults : results.subList(0, subscribers)) {
                delivered += subscriberResults.get(0).operations();
                merged.add(subscriberResults.get(0).latencies());
                if (subscriberResults.get(0).operations() == 0) {
                    starved++;
                }
            }
            double seconds = measure / 1e9;
            long expected = published.operations() * subscribers;
            String note = String.format(Locale.ROOT, "%,.0f published/s; received %.1f%% of %,d; publish p50 %.1f µs",
                    published.operations() / seconds, expected == 0 ? 0.0 : 100.0 * delivered / expected, expected,
                    published.latencies().getValueAtPercentile(50) / 1000.0)
                    + ((starved > 0) ? String.format(Locale.ROOT, "; %d of %d subscribers received nothing",
                            starved, subscribers) : "");
            this.rows.add(new Measurement(scenario, system, delivered / seconds,
                    merged.getValueAtPercentile(50) / 1000.0, merged.getValueAtPercentile(99) / 1000.0, note));
        }
        catch (IOException | RuntimeException ex) {
            this.failed = true;
            this.rows.add(Measurement.missing(scenario, system, "failed: " + ex.getMessage()));
        }
        finally {
            workers.forEach(WorkerProcess::close);
        }
    }

    private void runInProcess() {
        try {
            List<InProcessRunner.Row> results = InProcessRunner.run(this.options.sizes(),
                    this.options.firstWarmupSeconds(), this.options.measureSeconds(), this.options.jmhFork());
            for (InProcessRunner.Row row : results) {
                SystemUnderTest system = switch (row.system()) {
                    case "main" -> SystemUnderTest.SHARED_MEMORY;
                    case "mainWatchedElsewhere" -> SystemUnderTest.SHARED_MEMORY_WATCHED_ELSEWHERE;
                    case "mainWatched" -> SystemUnderTest.SHARED_MEMORY_WATCHED;
                    default -> SystemUnderTest.CONCURRENT_HASH_MAP;
                };
                String note = String.format(Locale.ROOT, "JMH, 1 thread: %.1f ns/op", 1e9 / row.opsPerSecond());
                if (system == SystemUnderTest.SHARED_MEMORY_WATCHED) {
                    note += results.stream().filter(other -> other.system().equals("main") && other.op() == row.op()
                            && other.valueSize() == row.valueSize()).findFirst()
                            .map(plain -> String.format(Locale.ROOT, "; %.2f× the time of a set nobody watches"
                                    + " (a no-op listener in main)", plain.opsPerSecond() / row.opsPerSecond()))
                            .orElse("");
                }
                this.rows.add(new Measurement(Scenario.inProcess(row.op(), row.valueSize()), system, row.opsPerSecond(),
                        Double.NaN, Double.NaN, note));
            }
            for (int size : this.options.sizes()) {
                for (Op op : Op.values()) {
                    List<String> systems = (op == Op.SET) ? List.of("main", "map", "mainWatchedElsewhere", "mainWatched")
                            : List.of("main", "map");
                    for (String system : systems) {
                        boolean ran = results.stream().anyMatch(row -> row.system().equals(system) && row.op() == op
                                && row.valueSize() == size);
                        if (!ran) {
                            this.failed = true;
                            this.rows.add(Measurement.missing(Scenario.inProcess(op, size), switch (system) {
                                case "main" -> SystemUnderTest.SHARED_MEMORY;
                                case "mainWatchedElsewhere" -> SystemUnderTest.SHARED_MEMORY_WATCHED_ELSEWHERE;
                                case "mainWatched" -> SystemUnderTest.SHARED_MEMORY_WATCHED;
                                default -> SystemUnderTest.CONCURRENT_HASH_MAP;
                            }, "failed: the JMH benchmark threw"));
                        }
                    }
                }
            }
        }
        catch (Exception ex) {
            this.failed = true;
            for (int size : this.options.sizes()) {
                for (Op op : Op.values()) {
                    for (SystemUnderTest system : List.of(SystemUnderTest.SHARED_MEMORY,
                            SystemUnderTest.CONCURRENT_HASH_MAP)) {
                        this.rows.add(Measurement.missing(Scenario.inProcess(op, size), system,
                                "failed: " + ex.getMessage()));
                    }
                }
            }
        }
    }

    private void runPython(Path work, ProcessReaper reaper) {
        Optional<Path> python = this.options.python() ? Executables.find("python3") : Optional.empty();
        Shape single = new Shape(1, 1);
        if (python.isEmpty()) {
            String reason = this.options.python() ? "skipped: python3 not installed" : "skipped: --no-python";
            for (int size : this.options.sizes()) {
                for (Op op : Op.values()) {
                    this.rows.add(Measurement.missing(Scenario.childKv(op, size, single),
                            SystemUnderTest.PYTHON_MANAGER, reason));
                }
            }
            return;
        }
        try {
            Path directory = Files.createDirectories(work.resolve("python"));
            List<PythonManagerRunner.Row> results = new PythonManagerRunner(python.get(), directory, reaper)
                    .run(this.options.sizes(), this.options.warmupSeconds(), this.options.measureSeconds());
            for (PythonManagerRunner.Row row : results) {
                this.rows.add(new Measurement(Scenario.childKv(row.op(), row.valueSize(), single),
                        SystemUnderTest.PYTHON_MANAGER, row.opsPerSecond(), row.p50Micros(), row.p99Micros(),
                        "Python " + row.pythonVersion() + ", 1 child process"));
            }
        }
        catch (IOException | RuntimeException ex) {
            this.failed = true;
            for (int size : this.options.sizes()) {
                for (Op op : Op.values()) {
                    this.rows.add(Measurement.missing(Scenario.childKv(op, size, single),
                            SystemUnderTest.PYTHON_MANAGER, "failed: " + ex.getMessage()));
                }
            }
        }
    }

    private void describeEnvironment() {
        Runtime runtime = Runtime.getRuntime();
        this.environment.add(String.format(Locale.ROOT, "machine: %d cores, %s %s; Java %s (%s)",
                runtime.availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), System.getProperty("java.vm.name")));
        this.environment.add(String.format(Locale.ROOT,
                "each load phase: %.1f s warm-up (%.1f s before the first), %.1f s measured; closed loop, "
                        + "no pipelining; values are ASCII strings of %s bytes",
                this.options.warmupSeconds(), this.options.firstWarmupSeconds(), this.options.measureSeconds(),
                String.join(" and ", this.options.sizes().stream().map(String::valueOf).toList())));
        if (this.options.runs(Part.LARGE)) {
            this.environment.add(String.format(Locale.ROOT, "large store: %,d keys of %d B, loaded by setAll/MSET of "
                    + "1,000; %d timed whole reads after one warm-up; a fresh main and redis-server each",
                    this.options.largeKeys(), io.sharedmemory.bench.large.LargeData.VALUE_SIZE,
                    this.options.largeRounds()));
        }
    }

    private static String firstLine(Path binary, String argument) {
        try {
            Process process = new ProcessBuilder(binary.toString(), argument).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor();
            return output.lines().findFirst().orElse("?");
        }
        catch (IOException ex) {
            return "?";
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException ex) {
            // A leftover folder in /tmp is harmless.
        }
    }
}
