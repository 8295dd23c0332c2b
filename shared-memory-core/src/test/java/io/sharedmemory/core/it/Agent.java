package io.sharedmemory.core.it;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.PersistenceSettings;
import io.sharedmemory.core.Role;
import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.internal.server.MainKeyValueStore;

/**
 * A separate JVM that plays main or child for the cross-process tests. It reads one command
 * per line on stdin and answers one line on stdout; published messages it receives are
 * printed as {@code MSG channel message} or {@code PMSG pattern channel message} lines, and
 * the soak workload reports what it did as {@code EV ...} lines (see {@link SoakWorkload}).
 * Usage: {@code Agent main|child socketPath [requestTimeoutMillis] [trust] [maxPendingMessages]}.
 */
public final class Agent {

    private static final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    /** Opened by {@code release}: the listeners of {@code subscribeslow} block until then. */
    private static final CountDownLatch gate = new CountDownLatch(1);

    private static SoakWorkload soak;

    /**
     * A main started with this system property holds {@link SoakWorkload#COUNTER} at that value
     * before it listens, so an increment's result tells which main served it.
     */
    static final String COUNTER_BASE_PROPERTY = "shared-memory.agent.counter-base";

    /** A store started with this system property has that max-frame-size (bytes). */
    static final String MAX_FRAME_SIZE_PROPERTY = "shared-memory.agent.max-frame-size";

    /**
     * A main started with this system property persists in that mode ({@code snapshot} or
     * {@code log}) to {@link #PERSISTENCE_DIRECTORY_PROPERTY}, with {@link #FSYNC_PROPERTY}.
     */
    static final String PERSISTENCE_MODE_PROPERTY = "shared-memory.agent.persistence-mode";

    static final String PERSISTENCE_DIRECTORY_PROPERTY = "shared-memory.agent.persistence-directory";

    static final String FSYNC_PROPERTY = "shared-memory.agent.fsync";

    private Agent() {
    }

    public static void main(String[] args) throws Exception {
        Role role = Role.valueOf(args[0].toUpperCase());
        Path socket = Path.of(args[1]);
        long timeout = (args.length > 2) ? Long.parseLong(args[2]) : 2000;
        boolean trust = args.length <= 3 || Boolean.parseBoolean(args[3]);
        int maxPending = (args.length > 4) ? Integer.parseInt(args[4]) : 100_000;
        SharedMemory.Builder builder = SharedMemory.builder().socketPath(socket)
                .requestTimeout(Duration.ofMillis(timeout)).maxPendingMessages(maxPending);
        if (trust) {
            builder.trustedPackages(Point.class.getPackageName());
        }
        Long maxFrameSize = Long.getLong(MAX_FRAME_SIZE_PROPERTY);
        if (maxFrameSize != null) {
            builder.maxFrameSize(maxFrameSize);
        }
        String persistence = System.getProperty(PERSISTENCE_MODE_PROPERTY);
        if (persistence != null) {
            builder.persistenceMode(PersistenceSettings.Mode.valueOf(persistence.toUpperCase()))
                    .persistenceDirectory(Path.of(System.getProperty(PERSISTENCE_DIRECTORY_PROPERTY)))
                    .fsync(PersistenceSettings.Fsync.valueOf(System.getProperty(FSYNC_PROPERTY, "everysec").toUpperCase()));
        }
        SharedMemoryStore store = builder.build(role);
        long counterBase = Long.getLong(COUNTER_BASE_PROPERTY, 0);
        if (counterBase != 0) {
            // Before start, so no child can increment first.
            store.increment(SoakWorkload.COUNTER, counterBase);
        }
        try {
            store.start();
        }
        catch (RuntimeException ex) {
            synchronized (out) {
                out.println("FAILED " + ex.getClass().getSimpleName() + " " + ex.getMessage());
            }
            System.exit(3);
        }
        synchronized (out) {
            out.println("READY " + ProcessHandle.current().pid());
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.split(" ");
            if (words[0].equals("exit")) {
                break;
            }
            String answer;
            try {
                answer = run(store, words);
            }
            catch (Throwable ex) {
                answer = "ERR " + ex.getClass().getSimpleName() + " " + ex.getMessage();
            }
            synchronized (out) {
                out.println(answer);
            }
        }
        if (soak != null) {
            soak.stop();
        }
        store.close();
        out.println("BYE");
    }

    private static String run(KeyValueStore store, String[] w) throws Exception {
        switch (w[0]) {
            case "set" -> {
                store.set(w[1], w[2]);
                return "OK";
            }
            case "setttl" -> {
                store.set(w[1], w[2], Duration.ofMillis(Long.parseLong(w[3])));
                return "OK";
            }
            case "setpoint" -> {
                store.set(w[1], new Point(Integer.parseInt(w[2]), Integer.parseInt(w[3])));
                return "OK";
            }
            case "setlist" -> {
                store.set(w[1], new ArrayList<>(List.of(w).subList(2, w.length)));
                return "OK";
            }
            case "get" -> {
                Object value = store.get(w[1]);
                return "VALUE " + ((value != null) ? value.getClass().getName() + " " + value : "null");
            }
            case "delete" -> {
                return "BOOL " + store.delete(w[1]);
            }
            case "setifabsent" -> {
                return "BOOL " + store.setIfAbsent(w[1], w[2]);
            }
            case "cas" -> {
                return "BOOL " + store.compareAndSet(w[1], w[2], w[3]);
            }
            case "incr" -> {
                return "LONG " + store.increment(w[1], Long.parseLong(w[2]));
            }
            case "keys" -> {
                return "KEYS " + new java.util.TreeSet<>(store.keys(w[1]));
            }
            case "getall" -> {
                Map<String, Object> all = new TreeMap<>(store.getAll());
                return "MAP " + all;
            }
            case "incrmany" -> {
                return incrementMany(store, w[1], Integer.parseInt(w[2]), Integer.parseInt(w[3]));
            }
            case "publish" -> {
                store.publish(w[1], w[2]);
                return "OK";
            }
            case "publishmany" -> {
                for (int i = 0; i < Integer.parseInt(w[2]); i++) {
                    store.publish(w[1], w[3] + "-" + i);
                }
                return "OK";
            }
            case "subscribe" -> {
                store.subscribe(w[1], (message) -> print("MSG " + w[1] + " " + message));
                return "OK";
            }
            case "psubscribe" -> {
                store.subscribePattern(w[1], (channel, message) -> print("PMSG " + w[1] + " " + channel + " " + message));
                return "OK";
            }
            case "timedget" -> {
                long start = System.nanoTime();
                String result;
                try {
                    result = String.valueOf(store.get(w[1]));
                }
                catch (RuntimeException ex) {
                    result = ex.getClass().getSimpleName();
                }
                return "TIMED " + (System.nanoTime() - start) / 1_000_000 + " " + result;
            }
            case "available" -> {
                return "BOOL " + ((SharedMemoryStore) store).isAvailable();
            }
            case "busyset" -> {
                startBusyWriter(store, w[1]);
                return "OK";
            }
            case "fill" -> {
                // fill prefix count valueLength: keys prefix0.. with distinct values of that length.
                for (int i = 0; i < Integer.parseInt(w[2]); i++) {
                    store.set(w[1] + i, filler(i, Integer.parseInt(w[3])));
                }
                return "OK";
            }
            case "sweep" -> {
                startSweeper(store, w[1], Integer.parseInt(w[2]));
                return "OK";
            }
            case "setdeep" -> {
                store.set(w[1], nested(Integer.parseInt(w[2])));
                return "OK";
            }
            case "setcyclic" -> {
                List<Object> cyclic = new ArrayList<>();
                cyclic.add(cyclic);
                store.set(w[1], cyclic);
                return "OK";
            }
            case "subscribeseq" -> {
                // Prints only what comes before ':' in each message, so large messages stay cheap to report.
                store.subscribe(w[1], (message) -> print("MSG " + w[1] + " " + message.toString().split(":", 2)[0]));
                return "OK";
            }
            case "subscribeslow" -> {
                // Blocks the listener until "release": a subscriber that cannot keep up.
                store.subscribe(w[1], (message) -> {
                    awaitGate();
                    print("MSG " + w[1] + " " + message);
                });
                return "OK";
            }
            case "watch" -> {
                store.watch(w[1], (event) -> print("MSG KEV " + event.type() + " " + event.key() + " "
                        + shown(event.oldValue()) + " " + shown(event.newValue())));
                return "OK";
            }
            case "randomwrites" -> {
                return "WROTE " + WatchWorkload.run(store, Long.parseLong(w[1]), Integer.parseInt(w[2]),
                        Integer.parseInt(w[3]), w[4]);
            }
            case "setall" -> {
                Map<String, Object> entries = new LinkedHashMap<>();
                for (int i = 1; i + 1 < w.length; i += 2) {
                    entries.put(w[i], w[i + 1]);
                }
                store.setAll(entries);
                return "OK";
            }
            case "release" -> {
                gate.countDown();
                return "OK";
            }
            case "children" -> {
                MainKeyValueStore main = (MainKeyValueStore) store;
                return "CHILDREN " + main.connectedChildren() + " " + main.subscriptionCount();
            }
            case "dump" -> {
                return "DUMPED " + dump(store, Path.of(w[1]));
            }
            case "soak" -> {
                soak = new SoakWorkload(store, w[1], Integer.parseInt(w[2]), Agent::print);
                soak.start();
                return "OK";
            }
            case "soakstop" -> {
                return "STOPPED " + soak.stop();
            }
            case "soakreport" -> {
                return "REPORT " + soak.report(Duration.ofMillis(Long.parseLong(w[1])));
            }
            default -> {
                return "ERR unknown command " + w[0];
            }
        }
    }

    /** Increments from many threads; prints how many were acknowledged. */
    private static String incrementMany(KeyValueStore store, String key, int threads, int perThread)
            throws InterruptedException {
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    try {
                        store.increment(key, 1);
                        acknowledged.incrementAndGet();
                    }
                    catch (RuntimeException ex) {
                        failed.incrementAndGet();
                    }
                }
            }, "agent-incr-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return "DONE " + acknowledged.get() + " " + failed.get();
    }

    /** Sets a key over and over until the process dies, counting in another key. */
    private static void startBusyWriter(KeyValueStore store, String key) {
        Thread writer = new Thread(() -> {
            for (long i = 0; ; i++) {
                try {
                    store.set(key, "v" + i);
                    store.increment(key + ".count", 1);
                }
                catch (RuntimeException ex) {
                    // keep going; main may be away for a moment
                }
            }
        }, "agent-busy-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** A value of {@code length} characters that starts with {@code n} and a colon. */
    static String filler(long n, int length) {
        String head = n + ":";
        return head + "x".repeat(Math.max(0, length - head.length()));
    }

    /**
     * Sets keys prefix0..prefix(count-1) to generation 0, then, generation after generation,
     * each to that generation in index order, until the process dies; values are
     * {@link #filler} of the generation, 64 characters long. At any instant the keys hold
     * generation g up to some index and g-1 after it.
     */
    private static void startSweeper(KeyValueStore store, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            store.set(prefix + i, filler(0, 64));
        }
        Thread sweeper = new Thread(() -> {
            try {
                for (long generation = 1; ; generation++) {
                    String value = filler(generation, 64);
                    for (int i = 0; i < count; i++) {
                        store.set(prefix + i, value);
                    }
                }
            }
            catch (RuntimeException ex) {
                // The store closed: the agent is exiting.
            }
        }, "agent-sweeper");
        sweeper.setDaemon(true);
        sweeper.start();
    }

    /** A list nested {@code depth} levels deep around a string. */
    private static Object nested(int depth) {
        Object value = "core";
        for (int i = 0; i < depth; i++) {
            List<Object> outer = new ArrayList<>();
            outer.add(value);
            value = outer;
        }
        return value;
    }

    /** Writes every entry as {@code key TAB value} lines; returns how many. */
    private static int dump(KeyValueStore store, Path file) throws IOException {
        Map<String, Object> all = store.getAll();
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, Object> entry : all.entrySet()) {
                writer.write(entry.getKey() + "\t" + entry.getValue() + "\n");
            }
        }
        return all.size();
    }

    private static void awaitGate() {
        try {
            gate.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** A value as watch lines show it: {@code null}, a Long with {@code L}, anything else quoted. */
    static String shown(Object value) {
        return (value == null) ? "null" : (value instanceof Long) ? value + "L" : "'" + value + "'";
    }

    static void print(String line) {
        synchronized (out) {
            out.println(line);
        }
    }
}
