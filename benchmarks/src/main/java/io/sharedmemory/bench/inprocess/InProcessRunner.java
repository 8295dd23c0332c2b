package io.sharedmemory.bench.inprocess;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import io.sharedmemory.bench.load.Op;

/** Runs {@link InProcessBenchmark} with JMH and returns its throughputs. */
public final class InProcessRunner {

    /**
     * One JMH result.
     * @param system {@code main}, {@code mainWatchedElsewhere}, {@code mainWatched} or {@code map}
     * @param op the operation
     * @param valueSize the value size
     * @param opsPerSecond the mean throughput of one thread
     */
    public record Row(String system, Op op, int valueSize, double opsPerSecond) {
    }

    private InProcessRunner() {
    }

    /**
     * Runs JMH.
     * @param sizes value sizes
     * @param warmupSeconds warm-up per benchmark
     * @param measureSeconds measured time per benchmark, split into two iterations
     * @param fork {@code true} to run each benchmark in a fresh JVM, as JMH recommends;
     *        {@code false} runs them in this JVM (the smoke test)
     * @return one row per benchmark and size that ran; a benchmark that failed has none
     * @throws RunnerException if JMH fails
     */
    public static List<Row> run(List<Integer> sizes, double warmupSeconds, double measureSeconds, boolean fork)
            throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(InProcessBenchmark.class.getName() + "\\.")
                .param("size", sizes.stream().map(String::valueOf).toArray(String[]::new))
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds((long) (warmupSeconds * 1000)))
                .measurementIterations(2)
                .measurementTime(TimeValue.milliseconds((long) (measureSeconds * 500)))
                .threads(1)
                .forks(fork ? 1 : 0)
                .shouldFailOnError(false)
                .verbosity(VerboseMode.SILENT);
        if (fork) {
            options.jvmArgs("-Xms256m", "-Xmx512m", "-XX:+UseG1GC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        List<Row> rows = new ArrayList<>();
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            String system = method.endsWith("WatchedElsewhere") ? "mainWatchedElsewhere"
                    : method.endsWith("Watched") ? "mainWatched" : method.startsWith("main") ? "main" : "map";
            Op op = method.endsWith("Get") ? Op.GET : Op.SET;
            int size = Integer.parseInt(result.getParams().getParam("size"));
            // Throughput mode reports ops per time unit, seconds by default.
            rows.add(new Row(system, op, size, result.getPrimaryResult().getScore()));
        }
        return rows;
    }
}
