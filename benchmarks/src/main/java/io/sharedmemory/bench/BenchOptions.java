package io.sharedmemory.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The settings of one run.
 *
 * @param firstWarmupSeconds warm-up before the first phase of each load (JIT, class loading)
 * @param warmupSeconds warm-up before each later phase
 * @param measureSeconds measured time per phase
 * @param sizes value sizes in bytes
 * @param shapes caller layouts of the child rows
 * @param subscribers subscriber JVMs of the pub/sub rows
 * @param redis whether to run the Redis rows (they are skipped anyway if redis-server is missing)
 * @param python whether to run the Python row (skipped anyway if python3 is missing)
 * @param jmhFork whether JMH forks a JVM per benchmark
 * @param output where to write the markdown table, or {@code null}
 * @param jfrDirectory where worker JVMs write flight recordings, or {@code null} for none
 * @param only the parts to run (see {@link Part}); all of them by default
 * @param keepLogs whether to keep the worker logs even when every row succeeded
 * @param largeKeys keys of the large-store rows ({@link Part#LARGE})
 * @param largeRounds measured {@code getAll} calls per system of the large-store rows
 */
public record BenchOptions(double firstWarmupSeconds, double warmupSeconds, double measureSeconds,
        List<Integer> sizes, List<Shape> shapes, int subscribers, boolean redis, boolean python, boolean jmhFork,
        Path output, Path jfrDirectory, Set<Part> only, boolean keepLogs, int largeKeys, int largeRounds) {

    /** The parts of a run, for {@code --only}. */
    public enum Part {
        /** The raw socket ping-pong. */
        FLOOR,
        /** shared-memory's child rows. */
        SM,
        /** redis-benchmark's rows. */
        REDIS_BENCHMARK,
        /** Lettuce's rows. */
        LETTUCE,
        /** shared-memory's child rows again, with Micrometer meters on every call. */
        METRICS,
        /** shared-memory's redis role on the same Redis as Lettuce's rows. */
        REDIS_ROLE,
        /** Both pub/sub rows. */
        PUBSUB,
        /** The JMH rows. */
        INPROCESS,
        /** The Python row. */
        PYTHON,
        /** A large store: getAll from another process, and memory per key, against Redis. */
        LARGE,
        /** Child set/get with main's log at each fsync policy against Redis's append-only file at the same. */
        PERSISTENCE
    }

    /**
     * Whether a part runs.
     * @param part the part
     * @return {@code true} if it is selected
     */
    public boolean runs(Part part) {
        return this.only.contains(part);
    }

    /** The full comparison of the issue: a few minutes on two cores. */
    public static BenchOptions full() {
        return new BenchOptions(1.5, 0.5, 2.0, List.of(32, 4096),
                List.of(new Shape(1, 1), new Shape(1, 8), new Shape(1, 50), new Shape(4, 8), Shape.parse("1x1p16"),
                        Shape.parse("1x1b100")), 4, true, true, true,
                Path.of("benchmarks/results/latest.md"), null, EnumSet.allOf(Part.class), false, 1_000_000, 5);
    }

    /** A run of a few seconds that only proves every part still works; its figures mean nothing. */
    public static BenchOptions quick() {
        return new BenchOptions(0.2, 0.05, 0.15, List.of(32), List.of(new Shape(1, 1), Shape.parse("1x1p16"),
                Shape.parse("1x1b100")), 2, true, true, false, null,
                null, EnumSet.allOf(Part.class), false, 20_000, 2);
    }

    /**
     * Reads command-line options over the full defaults.
     * <pre>
     * --quick                  the smoke-test settings
     * --warmup S --first-warmup S --measure S
     * --sizes 32,4096          --shapes 1x1,1x8,1x50,4x8
     * --subscribers N          --no-redis  --no-python  --no-fork
     * --out FILE               --jfr DIR  --keep-logs
     * --large-keys N           --large-rounds N
     * --only sm,metrics,floor,redis-benchmark,lettuce,redis-role,pubsub,inprocess,python,large,persistence
     * </pre>
     * @param args the arguments
     * @return the options
     */
    public static BenchOptions parse(String... args) {
        Mutable options = new Mutable(Arrays.asList(args).contains("--quick") ? quick() : full());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> { }
                case "--warmup" -> options.warmupSeconds = Double.parseDouble(value(args, ++i));
                case "--first-warmup" -> options.firstWarmupSeconds = Double.parseDouble(value(args, ++i));
                case "--measure" -> options.measureSeconds = Double.parseDouble(value(args, ++i));
                case "--sizes" -> options.sizes = Arrays.stream(value(args, ++i).split(","))
                        .map(Integer::valueOf).toList();
                case "--shapes" -> options.shapes = Arrays.stream(value(args, ++i).split(","))
                        .map(Shape::parse).toList();
                case "--subscribers" -> options.subscribers = Integer.parseInt(value(args, ++i));
                case "--no-redis" -> options.redis = false;
                case "--no-python" -> options.python = false;
                case "--no-fork" -> options.jmhFork = false;
                case "--out" -> options.output = Path.of(value(args, ++i));
                case "--jfr" -> options.jfrDirectory = Path.of(value(args, ++i));
                case "--keep-logs" -> options.keepLogs = true;
                case "--large-keys" -> options.largeKeys = Integer.parseInt(value(args, ++i));
                case "--large-rounds" -> options.largeRounds = Integer.parseInt(value(args, ++i));
                case "--only" -> options.only = Arrays.stream(value(args, ++i).split(","))
                        .map(part -> Part.valueOf(part.trim().toUpperCase(Locale.ROOT).replace('-', '_')))
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Part.class)));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return options.freeze();
    }

    private static String value(String[] args, int index) {
        if (index >= args.length) {
            throw new IllegalArgumentException(args[index - 1] + " needs a value");
        }
        return args[index];
    }

    /**
     * Nanoseconds of a number of seconds.
     * @param seconds seconds
     * @return nanoseconds
     */
    public static long nanos(double seconds) {
        return (long) (seconds * 1e9);
    }

    /** A copy being edited while the command line is read. */
    private static final class Mutable {
        double firstWarmupSeconds;
        double warmupSeconds;
        double measureSeconds;
        List<Integer> sizes;
        List<Shape> shapes;
        int subscribers;
        boolean redis;
        boolean python;
        boolean jmhFork;
        Path output;
        Path jfrDirectory;
        Set<Part> only;
        boolean keepLogs;
        int largeKeys;
        int largeRounds;

        Mutable(BenchOptions o) {
            this.firstWarmupSeconds = o.firstWarmupSeconds;
            this.warmupSeconds = o.warmupSeconds;
            this.measureSeconds = o.measureSeconds;
            this.sizes = o.sizes;
            this.shapes = o.shapes;
            this.subscribers = o.subscribers;
            this.redis = o.redis;
            this.python = o.python;
            this.jmhFork = o.jmhFork;
            this.output = o.output;
            this.jfrDirectory = o.jfrDirectory;
            this.only = o.only;
            this.keepLogs = o.keepLogs;
            this.largeKeys = o.largeKeys;
            this.largeRounds = o.largeRounds;
        }

        BenchOptions freeze() {
            return new BenchOptions(this.firstWarmupSeconds, this.warmupSeconds, this.measureSeconds, this.sizes,
                    this.shapes, this.subscribers, this.redis, this.python, this.jmhFork, this.output,
                    this.jfrDirectory, this.only, this.keepLogs, this.largeKeys, this.largeRounds);
        }
    }
}
