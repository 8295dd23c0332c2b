package io.sharedmemory.bench.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.sharedmemory.bench.floor.FloorServer;
import io.sharedmemory.bench.floor.FloorTarget;
import io.sharedmemory.bench.Shape;
import io.sharedmemory.bench.large.LargeStoreWorker;
import io.sharedmemory.bench.large.LargeTarget;
import io.sharedmemory.bench.large.SharedMemoryLarge;
import io.sharedmemory.bench.load.ClosedLoopLoad;
import io.sharedmemory.bench.load.KvTarget;
import io.sharedmemory.bench.load.Phase;
import io.sharedmemory.bench.load.PhaseResult;
import io.sharedmemory.bench.load.Schedule;
import io.sharedmemory.bench.load.WorkerArguments;
import io.sharedmemory.bench.pubsub.PubSubClient;
import io.sharedmemory.bench.pubsub.PubSubPublisher;
import io.sharedmemory.bench.pubsub.PubSubSubscriber;
import io.sharedmemory.bench.pubsub.SharedMemoryPubSub;
import io.sharedmemory.bench.redis.LettucePubSub;
import io.sharedmemory.bench.redis.LettuceTarget;
import io.sharedmemory.bench.redis.RedisLarge;
import io.sharedmemory.bench.redis.RedisRoleTarget;
import io.sharedmemory.bench.sm.SharedMemoryMainHost;
import io.sharedmemory.bench.sm.MeteredInTurnTarget;
import io.sharedmemory.bench.sm.SharedMemoryTarget;

/**
 * The entry point of every worker JVM. It speaks a line protocol with the harness:
 * <ol>
 * <li>the worker prints {@code READY} once set up (server bound, client connected, keys loaded);</li>
 * <li>a load worker reads {@code GO <nanoTime>}, the instant its schedule starts, and prints one
 *     {@code RESULT ...} line per phase, then {@code DONE};</li>
 * <li>a server worker serves until its standard input closes; asked {@code HEAP}, it prints its heap
 *     in use after full collections as {@code RESULT bytes}, then {@code DONE};</li>
 * <li>a large-store worker loads its store (if asked), prints {@code READY}, and on {@code GO}
 *     reads the store whole, printing one {@code RESULT} and {@code DONE}.</li>
 * </ol>
 * A worker whose standard input closes early (the harness died) exits at once, so no JVM outlives
 * the harness. Errors go to standard error, which the harness keeps in a log file.
 */
public final class WorkerMain {

    static final String READY = "READY";
    static final String RESULT = "RESULT ";
    static final String DONE = "DONE";

    private WorkerMain() {
    }

    /**
     * Runs one worker.
     * @param args the mode, then {@code key=value} arguments
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        // Stray prints of libraries must not break the protocol, so they go to standard error.
        System.setOut(System.err);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        WorkerArguments arguments = new WorkerArguments(Arrays.asList(args).subList(1, args.length));
        try {
            switch (args[0]) {
                case "floor-server" -> serve(new FloorServer(Path.of(arguments.text("socket"))), in, out);
                case "sm-main" -> serve(new SharedMemoryMainHost(Path.of(arguments.text("socket"))), in, out);
                case "sm-main-log" -> serve(new SharedMemoryMainHost(Path.of(arguments.text("socket")),
                        Path.of(arguments.text("directory")), arguments.text("fsync")), in, out);
                case "kv-load" -> load(arguments, in, out);
                case "large" -> large(arguments, in, out);
                case "publish" -> publish(arguments, in, out);
                case "subscribe" -> subscribe(arguments, in, out);
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            }
            System.exit(0);
        }
        catch (Throwable ex) {
            ex.printStackTrace();
            out.println("ERROR " + ex);
            System.exit(1);
        }
    }

    private static void serve(AutoCloseable server, BufferedReader in, PrintStream out) throws Exception {
        try (server) {
            out.println(READY);
            String line;
            while ((line = in.readLine()) != null) {
                // Serve until the harness closes our standard input.
                if (line.equals("HEAP")) {
                    out.println(RESULT + HeapUsage.afterGc());
                    out.println(DONE);
                }
            }
        }
    }

    private static void load(WorkerArguments arguments, BufferedReader in, PrintStream out) throws Exception {
        Schedule schedule = Schedule.fromArguments(arguments);
        try (KvTarget target = kvTarget(arguments.text("target"), Path.of(arguments.text("socket")))) {
            ClosedLoopLoad load = new ClosedLoopLoad(target, new Shape(1, (int) arguments.longValue("threads"),
                    Shape.Mode.valueOf(arguments.text("mode")), (int) arguments.longValue("depth")));
            load.preload(schedule.sizes());
            out.println(READY);
            List<Phase> phases = schedule.phases(awaitGo(in));
            if (target instanceof MeteredInTurnTarget inTurn) {
                inTurn.schedule(phases);
            }
            List<PhaseResult> results = load.run(phases);
            results.forEach(result -> out.println(RESULT + result.toLine()));
            out.println(DONE);
        }
    }

    private static void large(WorkerArguments arguments, BufferedReader in, PrintStream out) throws Exception {
        int keys = (int) arguments.longValue("keys");
        try (LargeTarget target = largeTarget(arguments.text("target"), Path.of(arguments.text("socket")))) {
            if (Boolean.parseBoolean(arguments.text("load"))) {
                target.load(keys);
            }
            out.println(READY);
            PhaseResult result = LargeStoreWorker.measure(target, keys, (int) arguments.longValue("rounds"), awaitGo(in));
            out.println(RESULT + result.toLine());
            out.println(DONE);
        }
    }

    private static LargeTarget largeTarget(String name, Path socket) {
        return switch (name) {
            case "sm" -> SharedMemoryLarge.child(socket);
            case "sm-redis" -> RedisLarge.role(socket);
            case "lettuce" -> RedisLarge.scan(socket);
            default -> throw new IllegalArgumentException("unknown target " + name);
        };
    }

    private static void publish(WorkerArguments arguments, BufferedReader in, PrintStream out) throws Exception {
        try (PubSubClient client = pubSubClient(arguments)) {
            PubSubPublisher publisher = new PubSubPublisher(client);
            client.publish(io.sharedmemory.bench.pubsub.PubSubMessages.stampedNow());
            out.println(READY);
            PhaseResult result = publisher.run(window(arguments, awaitGo(in)));
            out.println(RESULT + result.toLine());
            out.println(DONE);
        }
    }

    private static void subscribe(WorkerArguments arguments, BufferedReader in, PrintStream out) throws Exception {
        try (PubSubClient client = pubSubClient(arguments)) {
            PubSubSubscriber subscriber = new PubSubSubscriber(client);
            subscriber.subscribe();
            out.println(READY);
            PhaseResult result = subscriber.collect(window(arguments, awaitGo(in)));
            out.println(RESULT + result.toLine());
            out.println(DONE);
        }
    }

    /**
     * The publish window of a pub/sub run.
     * @param arguments {@code warmup} and {@code measure} in nanoseconds
     * @param start the shared start instant
     * @return the window
     */
    static Phase window(WorkerArguments arguments, long start) {
        long warmup = arguments.longValue("warmup");
        return new Phase(io.sharedmemory.bench.load.Op.SET, io.sharedmemory.bench.pubsub.PubSubMessages.SIZE,
                start, start + warmup, start + warmup + arguments.longValue("measure"));
    }

    private static KvTarget kvTarget(String name, Path socket) {
        return switch (name) {
            case "floor" -> new FloorTarget(socket, false);
            case "floor-poll" -> new FloorTarget(socket, true);
            case "sm" -> new SharedMemoryTarget(socket);
            case "sm-metrics" -> SharedMemoryTarget.metered(socket);
            case "sm-metrics-in-turn" -> new MeteredInTurnTarget(socket);
            case "lettuce" -> new LettuceTarget(socket, false);
            case "lettuce-per-thread" -> new LettuceTarget(socket, true);
            case "sm-redis" -> new RedisRoleTarget(socket);
            default -> throw new IllegalArgumentException("unknown target " + name);
        };
    }

    private static PubSubClient pubSubClient(WorkerArguments arguments) {
        Path socket = Path.of(arguments.text("socket"));
        return switch (arguments.text("target")) {
            case "sm" -> new SharedMemoryPubSub(socket);
            case "lettuce" -> new LettucePubSub(socket);
            default -> throw new IllegalArgumentException("unknown target " + arguments.text("target"));
        };
    }

    private static long awaitGo(BufferedReader in) throws IOException {
        String line = in.readLine();
        if (line == null || !line.startsWith("GO ")) {
            throw new IOException("expected GO, got " + line);
        }
        Thread watcher = new Thread(() -> {
            try {
                while (in.readLine() != null) {
                    // Nothing else is sent; only the end of the stream matters.
                }
            }
            catch (IOException ex) {
                // Treated like the end of the stream.
            }
            // The harness is gone (or done with us): do not linger as an orphan. exit, not halt,
            // so that a flight recording is still written.
            System.exit(3);
        }, "harness-watch");
        watcher.setDaemon(true);
        watcher.start();
        return Long.parseLong(line.substring(3).trim());
    }
}
