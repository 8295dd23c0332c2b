package io.sharedmemory.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;

import org.HdrHistogram.Histogram;

import io.sharedmemory.bench.load.Phase;
import io.sharedmemory.bench.load.PhaseResult;
import io.sharedmemory.bench.load.Schedule;
import io.sharedmemory.bench.process.CpuWindows;
import io.sharedmemory.bench.process.JvmLauncher;
import io.sharedmemory.bench.process.WorkerProcess;
import io.sharedmemory.bench.sm.MeteredInTurnTarget;

import static io.sharedmemory.bench.Scenario.Kind.CHILD_KV;

/**
 * The key-value loads of a run: worker JVMs started together, each running the schedule against
 * one system, their phase results merged into rows (or into a row that says why there are none).
 */
final class KvLoads {

    private static final long START_DELAY_NANOS = 200_000_000L;

    private final BenchOptions options;

    private final JvmLauncher launcher;

    private final List<Measurement> rows;

    private final List<String> environment;

    private final String redisSkipReason;

    private boolean failed;

    /**
     * @param rows where rows go
     * @param environment where notes on the run go
     * @param redisSkipReason why a Redis row without a server has no figures
     */
    KvLoads(BenchOptions options, JvmLauncher launcher, List<Measurement> rows, List<String> environment,
            String redisSkipReason) {
        this.options = options;
        this.launcher = launcher;
        this.rows = rows;
        this.environment = environment;
        this.redisSkipReason = redisSkipReason;
    }

    /** Whether a load failed. */
    boolean failed() {
        return this.failed;
    }

    private Schedule schedule() {
        return new Schedule(this.options.sizes(), BenchOptions.nanos(this.options.firstWarmupSeconds()),
                BenchOptions.nanos(this.options.warmupSeconds()), BenchOptions.nanos(this.options.measureSeconds()));
    }

    /**
     * Loads one system with one shape: so many worker JVMs, started together, each running the
     * whole schedule; their phase results are merged.
     */
    void kvLoad(SystemUnderTest system, String target, Path socket, Shape shape,
            String note, Long serverPid) {
        kvLoad(system, target, socket, shape, note, serverPid, CHILD_KV);
    }

    /** The same, the rows filed under {@code kind}. */
    void kvLoad(SystemUnderTest system, String target, Path socket, Shape shape,
            String note, Long serverPid, Scenario.Kind kind) {
        List<Phase> phases = schedule().phases(0);
        if (socket == null) {
            String reason = (system.isRedis() || system == SystemUnderTest.SHARED_MEMORY_REDIS) ? this.redisSkipReason
                    : "skipped: its server did not start";
            addMissing(phases, kind, shape, system, reason);
            return;
        }
        LoadTotals totals = new LoadTotals(phases.size());
        try {
            kvRun(target, socket, shape, serverPid, schedule(), totals::add);
        }
        catch (IOException | RuntimeException ex) {
            this.failed = true;
            addMissing(phases, kind, shape, system, "failed: " + ex.getMessage());
            return;
        }
        addRows(phases, kind, shape, system, note, totals);
    }

    /**
     * Loads shared-memory's child with and without meters in turn, in the same worker JVMs: each
     * value size's (set, get) pair of phases runs five times, a warm-up turn and then plain,
     * metered, metered, plain ({@link MeteredInTurnTarget}), and each system's row pools its two
     * turns. Loads in separate
     * JVMs differed by up to 1.4× with the same code (JIT, placement, a noisy neighbour), far
     * more than meters cost; in one JVM, taking turns, only the meters differ, and the order
     * cancels a steady drift.
     */
    void meteredPairs(Path socket, Shape shape, Long serverPid) {
        List<Phase> phases = schedule().phases(0);
        if (socket == null) {
            addMissing(phases, CHILD_KV, shape, SystemUnderTest.SHARED_MEMORY, "skipped: its server did not start");
            addMissing(phases, CHILD_KV, shape, SystemUnderTest.SHARED_MEMORY_METERED, "skipped: its server did not start");
            return;
        }
        Schedule plain = schedule();
        List<Integer> inTurn = new ArrayList<>();
        plain.sizes().forEach(size -> inTurn.addAll(Collections.nCopies(MeteredInTurnTarget.TURNS, size)));
        Schedule turns = new Schedule(inTurn, plain.firstWarmupNanos(), plain.warmupNanos(), plain.measureNanos());
        LoadTotals unmetered = new LoadTotals(phases.size());
        LoadTotals metered = new LoadTotals(phases.size());
        StringBuilder each = new StringBuilder();
        try {
            kvRun("sm-metrics-in-turn", socket, shape, serverPid, turns, (phase, ops, seconds, latencies, cpu) -> {
                int pair = phase / 2;
                if (MeteredInTurnTarget.warmUpPair(pair)) {
                    return;
                }
                each.append(String.format(Locale.ROOT, " %s%s %,.0f", MeteredInTurnTarget.meteredPair(pair) ? "M" : "P",
                        phase % 2 == 0 ? "set" : "get", ops / seconds));
                // Each size has TURNS pairs in a row, so pair p is a turn of the size of pair p / TURNS.
                int original = (pair / MeteredInTurnTarget.TURNS) * 2 + phase % 2;
                (MeteredInTurnTarget.meteredPair(pair) ? metered : unmetered).add(original, ops, seconds, latencies, cpu);
            });
        }
        catch (IOException | RuntimeException ex) {
            this.failed = true;
            addMissing(phases, CHILD_KV, shape, SystemUnderTest.SHARED_MEMORY, "failed: " + ex.getMessage());
            addMissing(phases, CHILD_KV, shape, SystemUnderTest.SHARED_MEMORY_METERED, "failed: " + ex.getMessage());
            return;
        }
        this.environment.add("meters in turn, " + shape + ", ops/s of each turn (P plain, M metered):" + each);
        addRows(phases, CHILD_KV, shape, SystemUnderTest.SHARED_MEMORY, "in turn with the metered row, same JVMs",
                unmetered);
        addRows(phases, CHILD_KV, shape, SystemUnderTest.SHARED_MEMORY_METERED,
                "SimpleMeterRegistry; in turn with the plain row, same JVMs", metered);
    }

    /** One load of one system: its worker JVMs run {@code schedule}, and their figures go to {@code totals}. */
    private void kvRun(String target, Path socket, Shape shape, Long serverPid,
            Schedule schedule, LoadTotals.Sink totals) throws IOException {
        List<Phase> phases = schedule.phases(0);
        List<String> arguments = new ArrayList<>(List.of("target=" + target, "socket=" + socket,
                "threads=" + shape.threads(), "mode=" + shape.mode(), "depth=" + shape.depth()));
        arguments.addAll(schedule.toArguments());
        List<WorkerProcess> workers = new ArrayList<>();
        try {
            for (int j = 0; j < shape.jvms(); j++) {
                workers.add(this.launcher.start(target + "-" + shape.jvms() + "x" + shape.threads() + "-" + j, "kv-load",
                        arguments));
            }
            List<Long> pids = new ArrayList<>(workers.stream().map(WorkerProcess::pid).toList());
            if (serverPid != null) {
                pids.add(serverPid);
            }
            CpuWindows[] cpu = new CpuWindows[1];
            List<List<PhaseResult>> perWorker = go(workers, schedule.totalNanos(),
                    (start) -> cpu[0] = CpuWindows.start(pids, schedule.phases(start)));
            for (int p = 0; p < phases.size(); p++) {
                long operations = 0;
                Histogram merged = PhaseResult.newHistogram();
                for (List<PhaseResult> results : perWorker) {
                    operations += results.get(p).operations();
                    merged.add(results.get(p).latencies());
                }
                totals.add(p, operations, phases.get(p).measureSeconds(), merged, cpu[0].microsPerOp(p, operations));
            }
        }
        finally {
            workers.forEach(WorkerProcess::close);
        }
    }

    private void addRows(List<Phase> phases, Scenario.Kind kind, Shape shape, SystemUnderTest system, String note,
            LoadTotals totals) {
        for (int p = 0; p < phases.size(); p++) {
            Phase phase = phases.get(p);
            this.rows.add(totals.row(p, new Scenario(kind, phase.op(), phase.valueSize(), shape), system, note));
        }
    }

    private void addMissing(List<Phase> phases, Scenario.Kind kind, Shape shape, SystemUnderTest system,
            String reason) {
        phases.forEach(phase -> this.rows.add(Measurement.missing(
                new Scenario(kind, phase.op(), phase.valueSize(), shape), system, reason)));
    }

    /** Waits for every worker to be ready, starts them at one instant and collects their results. */
    static List<List<PhaseResult>> go(List<WorkerProcess> workers, long runNanos) throws IOException {
        return go(workers, runNanos, (start) -> { });
    }

    /** The same, telling {@code onStart} the shared start instant before the workers learn it. */
    static List<List<PhaseResult>> go(List<WorkerProcess> workers, long runNanos, LongConsumer onStart)
            throws IOException {
        for (WorkerProcess worker : workers) {
            worker.awaitReady(60_000);
        }
        long start = System.nanoTime() + START_DELAY_NANOS;
        onStart.accept(start);
        workers.forEach(worker -> worker.send("GO " + start));
        long timeout = (START_DELAY_NANOS + runNanos) / 1_000_000 + 60_000;
        List<List<PhaseResult>> results = new ArrayList<>();
        for (WorkerProcess worker : workers) {
            results.add(worker.awaitResults(timeout).stream().map(PhaseResult::fromLine).toList());
        }
        return results;
    }
}
