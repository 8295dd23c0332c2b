package io.sharedmemory.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.sharedmemory.bench.process.JvmLauncher;
import io.sharedmemory.bench.process.ProcessReaper;
import io.sharedmemory.bench.process.WorkerProcess;
import io.sharedmemory.bench.redis.RedisServerProcess;

/**
 * The persisted rows: a child's get and set against a main that logs every write, at each
 * fsync policy, and against redis-server with its append-only file at the same policy.
 */
final class PersistedComparison {

    private final BenchOptions options;

    private final JvmLauncher launcher;

    private final ProcessReaper reaper;

    private final Path work;

    private final KvLoads loads;

    private final List<String> environment;

    private boolean failed;

    PersistedComparison(BenchOptions options, JvmLauncher launcher, ProcessReaper reaper, Path work, KvLoads loads,
            List<String> environment) {
        this.options = options;
        this.launcher = launcher;
        this.reaper = reaper;
        this.work = work;
        this.loads = loads;
        this.environment = environment;
    }

    /** Whether a server of these rows failed to start. */
    boolean failed() {
        return this.failed;
    }

    /**
     * Main with {@code persistence.mode=log} and redis-server with {@code appendonly yes}, at each
     * fsync policy in turn: a fresh main, directory and redis-server per policy, the same shapes,
     * the Redis rows through Lettuce on one shared connection per JVM like the project's child.
     */
    void run() {
        String[] policies = {"always", "everysec", "no"};
        SystemUnderTest[] ours = {SystemUnderTest.SHARED_MEMORY_LOG_ALWAYS, SystemUnderTest.SHARED_MEMORY_LOG_EVERYSEC,
                SystemUnderTest.SHARED_MEMORY_LOG_NO};
        SystemUnderTest[] redis = {SystemUnderTest.REDIS_AOF_ALWAYS, SystemUnderTest.REDIS_AOF_EVERYSEC,
                SystemUnderTest.REDIS_AOF_NO};
        Optional<Path> redisBinary = Optional.empty();
        if (this.options.redis()) {
            try {
                redisBinary = Executables.redisServer(this.work.resolve("redis-bin"));
            }
            catch (IOException ex) {
                this.environment.add("Redis (persisted rows): not copied: " + ex.getMessage());
            }
        }
        for (int p = 0; p < policies.length; p++) {
            Path socket = this.work.resolve("sm-log-" + policies[p]).resolve("main.sock");
            WorkerProcess main = null;
            RedisServerProcess server = null;
            try {
                Files.createDirectories(socket.getParent());
                main = this.launcher.start("sm-main-log-" + policies[p], "sm-main-log", List.of("socket=" + socket,
                        "directory=" + socket.getParent().resolve("data"), "fsync=" + policies[p]));
                main.awaitReady(30_000);
                if (redisBinary.isPresent()) {
                    server = new RedisServerProcess(redisBinary.get(),
                            Files.createDirectories(this.work.resolve("redis-aof-" + policies[p])), this.reaper, policies[p]);
                }
            }
            catch (IOException | RuntimeException ex) {
                this.failed = true;
                this.environment.add("persisted rows, " + policies[p] + ": a server did not start: " + ex.getMessage());
            }
            try {
                for (Shape shape : this.options.shapes()) {
                    if (shape.mode() != Shape.Mode.CLOSED) {
                        continue;
                    }
                    this.loads.kvLoad(ours[p], "sm", (main != null) ? socket : null, shape, "", (main != null) ? main.pid() : null,
                            Scenario.Kind.PERSISTED_KV);
                    this.loads.kvLoad(redis[p], "lettuce", (server != null) ? server.socket() : null, shape,
                            shape.jvms() == 1 ? "1 connection" : shape.jvms() + " connections",
                            (server != null) ? server.pid() : null, Scenario.Kind.PERSISTED_KV);
                }
            }
            finally {
                if (server != null) {
                    server.close();
                }
                if (main != null) {
                    main.close();
                }
            }
        }
    }
}
