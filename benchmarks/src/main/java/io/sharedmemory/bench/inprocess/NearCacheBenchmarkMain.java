package io.sharedmemory.bench.inprocess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import io.sharedmemory.bench.Executables;
import io.sharedmemory.bench.load.Op;
import io.sharedmemory.bench.process.ProcessReaper;
import io.sharedmemory.bench.python.PythonManagerRunner;

/**
 * The near cache's rows: a near-cached hot {@code get} against main's in-process {@code get}
 * (target: at most 2× its time) and {@code ConcurrentHashMap.get}, against the Python original's
 * {@code Manager().dict()} get (target: at least 100× its throughput), and how long another
 * client's write takes to invalidate it (p50, p99). Prints a markdown table and writes it to
 * {@code --out} (default {@code benchmarks/results/near-cache.md}).
 * Options: {@code --measure SECONDS} (JMH time per benchmark, default 2), {@code --samples N}
 * (timed writes, default 2000), {@code --out FILE}.
 */
public final class NearCacheBenchmarkMain {

    private NearCacheBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        double measure = 2;
        int samples = 2000;
        Path out = Path.of("benchmarks/results/near-cache.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--measure" -> measure = Double.parseDouble(args[++i]);
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + " (options: --measure SECONDS, --samples N, --out FILE)");
            }
        }
        Map<String, Double> nanos = jmh(measure);
        Path work = Files.createTempDirectory(Path.of("/tmp"), "smncb");
        Path redisServer = Executables.redisServer(work).orElseThrow(() -> new IOException("no redis-server to run"));
        InvalidationLatency.Result latency = InvalidationLatency.measure(redisServer, work, samples);
        InvalidationLatency.Result childLatency = InvalidationLatency.measureChild(work, samples);
        Optional<Double> python = python(work, measure);

        double near = nanos.getOrDefault("nearGet", Double.NaN);
        double main = nanos.getOrDefault("mainGet", Double.NaN);
        double map = nanos.getOrDefault("mapGet", Double.NaN);
        StringBuilder table = new StringBuilder();
        table.append("# shared-memory near cache\n\n");
        table.append("Run ").append(Instant.now()).append(" with `NearCacheBenchmarkMain`; ")
            .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
            .append(System.getProperty("java.version")).append(". JMH: 1 thread, 1 fork, ")
            .append(measure).append(" s measured per benchmark; values are 32-byte strings, 256 hot keys.\n\n");
        table.append("| row | ns/op | ops/s | ratio | target |\n|---|--:|--:|--:|---|\n");
        row(table, "near-cached get (hit), redis role", near,
                String.format(Locale.ROOT, "%.2f× main's get", near / main),
                check(near / main <= 2.0, "time ÷ main's in-process get ≤ 2×"));
        row(table, "main's in-process get", main, "1.00×", "");
        row(table, "ConcurrentHashMap.get", map, String.format(Locale.ROOT, "%.2f× main's get", map / main), "");
        if (python.isPresent()) {
            double ratio = (1e9 / near) / python.get();
            table.append(String.format(Locale.ROOT, "| Python Manager().dict() get | %,.0f | %,.0f | near ÷ Python %.0f× | %s |%n",
                    1e9 / python.get(), python.get(), ratio, check(ratio >= 100, "near-cached ops/s ÷ Python ≥ 100×")));
        }
        else {
            table.append("| Python Manager().dict() get | — | — | — | not measured: no python3 |\n");
        }
        latencyTable(table, "redis role", "another client", latency);
        latencyTable(table, "child role", "another child (through main)", childLatency);
        table.append("\nThe near-cached hit row is the redis role's; a child's hit runs the same code.\n");
        System.out.print(table);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table, StandardCharsets.UTF_8);
    }

    private static void latencyTable(StringBuilder table, String role, String writer,
            InvalidationLatency.Result latency) {
        table.append(String.format(Locale.ROOT,
                "%nInvalidation latency, %s (%d writes by %s, each of a key the near cache holds; from just "
                        + "before the write is sent):%n%n"
                        + "| measure | p50 µs | p99 µs | max µs |%n|---|--:|--:|--:|%n"
                        + "| invalidation told to the near cache | %d | %d | %d |%n"
                        + "| near-cached get returns the new value | %d | %d | %d |%n",
                role, latency.samples(), writer, latency.invalidated().getValueAtPercentile(50),
                latency.invalidated().getValueAtPercentile(99), latency.invalidated().getMaxValue(),
                latency.visible().getValueAtPercentile(50), latency.visible().getValueAtPercentile(99),
                latency.visible().getMaxValue()));
    }

    private static void row(StringBuilder table, String name, double nanos, String ratio, String target) {
        table.append(String.format(Locale.ROOT, "| %s | %.1f | %,.0f | %s | %s |%n", name, nanos, 1e9 / nanos, ratio,
                target));
    }

    private static String check(boolean pass, String target) {
        return (pass ? "PASS " : "FAIL ") + target;
    }

    private static Map<String, Double> jmh(double measureSeconds) throws Exception {
        OptionsBuilder options = new OptionsBuilder();
        options.include(NearCacheBenchmark.class.getName() + "\\.")
            .param("size", "32")
            .warmupIterations(1)
            .warmupTime(TimeValue.milliseconds(1000))
            .measurementIterations(2)
            .measurementTime(TimeValue.milliseconds((long) (measureSeconds * 500)))
            .threads(1)
            .forks(1)
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT)
            .jvmArgs("-Xms256m", "-Xmx512m", "-XX:+UseG1GC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, Double> nanos = new HashMap<>();
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark();
            // Throughput mode reports ops per second.
            nanos.put(method.substring(method.lastIndexOf('.') + 1), 1e9 / result.getPrimaryResult().getScore());
        }
        return nanos;
    }

    private static Optional<Double> python(Path work, double measureSeconds) throws IOException {
        Optional<Path> python = Executables.find("python3");
        if (python.isEmpty()) {
            return Optional.empty();
        }
        try (ProcessReaper reaper = new ProcessReaper()) {
            List<PythonManagerRunner.Row> rows = new ArrayList<>(
                    new PythonManagerRunner(python.get(), work, reaper).run(List.of(32), 0.5, measureSeconds));
            return rows.stream().filter((row) -> row.op() == Op.GET).map(PythonManagerRunner.Row::opsPerSecond).findFirst();
        }
    }
}
