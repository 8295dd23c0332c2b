package io.sharedmemory.core.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.SharedMemoryUnavailableException;
import io.sharedmemory.core.Subscription;

/**
 * The chaos soak's work inside one child JVM ({@link ChaosSoakTest}). Worker threads do a random
 * mix of set, increment and publish; every outcome is printed at once as an {@code EV} line, so
 * a {@code kill -9} loses at most the record of the call in flight, never the record of an
 * acknowledged one. A subscriber checks that each publisher's messages arrive in order, without
 * duplicates, and reports what it received when asked.
 * <pre>
 * EV SET key sentMillis micros             a set that main acknowledged (the value is the key)
 * EV INC value sentMillis micros           an increment of {@link #COUNTER} by 1, and the value main returned
 * EV PUB publisher seq sentMillis micros   a publish that main acknowledged
 * EV FAIL op sentMillis micros exception   a call that failed (it may or may not have taken effect)
 * EV DISORDER publisher previous seq       a message that arrived out of order or twice
 * EV RECV publisher ranges                 (report) the sequence numbers received, e.g. 0-41,43-97
 * </pre>
 * {@code sentMillis} is {@link #machineMillis()} just before the call, so the test can tell
 * which main served it; {@code micros} is how long the call took.
 */
final class SoakWorkload {

    /** The channel every soak child publishes on and subscribes to. */
    static final String CHANNEL = "soak";

    /** The key every soak child increments. */
    static final String COUNTER = "soak-counter";

    private final KeyValueStore store;

    private final String tag;

    private final int threads;

    private final Consumer<String> out;

    private final List<Thread> workers = new ArrayList<>();

    private final AtomicLong ops = new AtomicLong();

    private final Map<String, Received> received = new ConcurrentHashMap<>();

    private final AtomicLong disorders = new AtomicLong();

    private volatile boolean running = true;

    private volatile long lastMessageNanos = System.nanoTime();

    private Subscription subscription;

    /**
     * @param store the child's store
     * @param tag names this child incarnation; keys and publishers start with it
     * @param threads how many worker threads
     * @param out prints one line
     */
    SoakWorkload(KeyValueStore store, String tag, int threads, Consumer<String> out) {
        this.store = store;
        this.tag = tag;
        this.threads = threads;
        this.out = out;
    }

    /** Subscribes (main knows of it when this returns), then starts the workers. */
    void start() {
        this.subscription = this.store.subscribe(CHANNEL, this::onMessage);
        for (int t = 0; t < this.threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> work(thread), "soak-worker-" + t);
            worker.setDaemon(true);
            worker.start();
            this.workers.add(worker);
        }
    }

    private void work(int thread) {
        String publisher = this.tag + "." + thread;
        Random random = new Random(publisher.hashCode());
        long keySeq = 0;
        long publishSeq = 0;
        while (this.running) {
            int dice = random.nextInt(10);
            String op = (dice < 5) ? "SET" : (dice < 8) ? "INC" : "PUB";
            long sent = machineMillis();
            long start = System.nanoTime();
            String line;
            try {
                switch (op) {
                    case "SET" -> {
                        String key = publisher + "." + keySeq++;
                        this.store.set(key, key);
                        line = "EV SET " + key + " " + sent + " " + micros(start);
                    }
                    case "INC" -> {
                        long value = this.store.increment(COUNTER, 1);
                        line = "EV INC " + value + " " + sent + " " + micros(start);
                    }
                    default -> {
                        long seq = publishSeq++;
                        this.store.publish(CHANNEL, publisher + ":" + seq);
                        line = "EV PUB " + publisher + " " + seq + " " + sent + " " + micros(start);
                    }
                }
                this.ops.incrementAndGet();
            }
            catch (RuntimeException ex) {
                line = "EV FAIL " + op + " " + sent + " " + micros(start) + " " + ex.getClass().getSimpleName();
                if (ex instanceof SharedMemoryUnavailableException) {
                    // Main is away; do not spin while the child reconnects.
                    pause(20);
                }
            }
            this.out.accept(line);
        }
    }

    private void onMessage(Object message) {
        String text = (String) message;
        int colon = text.lastIndexOf(':');
        String publisher = text.substring(0, colon);
        int seq = Integer.parseInt(text.substring(colon + 1));
        Received from = this.received.computeIfAbsent(publisher, (key) -> new Received());
        synchronized (from) {
            if (seq <= from.last) {
                this.disorders.incrementAndGet();
                this.out.accept("EV DISORDER " + publisher + " " + from.last + " " + seq);
            }
            else {
                from.last = seq;
            }
            from.seqs.set(seq);
        }
        this.lastMessageNanos = System.nanoTime();
    }

    /**
     * Stops the workers; each finishes its call in flight, which the request timeout bounds.
     * @return the number of acknowledged calls
     */
    long stop() throws InterruptedException {
        this.running = false;
        for (Thread worker : this.workers) {
            worker.join();
        }
        return this.ops.get();
    }

    /**
     * Waits until no message has arrived for {@code quiet}, then prints what was received.
     * @return the number of out-of-order or duplicate messages, then the number received
     */
    String report(Duration quiet) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() - this.lastMessageNanos < quiet.toNanos() && System.nanoTime() < deadline) {
            pause(50);
        }
        long total = 0;
        for (Map.Entry<String, Received> entry : this.received.entrySet()) {
            Received from = entry.getValue();
            synchronized (from) {
                total += from.seqs.cardinality();
                this.out.accept("EV RECV " + entry.getKey() + " " + ranges(from.seqs));
            }
        }
        this.subscription.close();
        return this.disorders.get() + " " + total;
    }

    private static String ranges(BitSet seqs) {
        StringBuilder text = new StringBuilder();
        for (int from = seqs.nextSetBit(0); from >= 0; from = seqs.nextSetBit(from)) {
            int to = seqs.nextClearBit(from);
            text.append((text.length() == 0) ? "" : ",").append(from).append('-').append(to - 1);
            from = to;
        }
        return (text.length() == 0) ? "-" : text.toString();
    }

    /**
     * The machine's monotonic clock in milliseconds: on Linux {@link System#nanoTime()} reads
     * {@code CLOCK_MONOTONIC}, which every process of the machine shares and which a wall-clock
     * step (NTP on a freshly booted machine) does not move, so times taken in the test JVM and
     * in the children compare.
     */
    static long machineMillis() {
        return System.nanoTime() / 1_000_000;
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1000;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** What one subscriber received from one publisher. */
    private static final class Received {

        private final BitSet seqs = new BitSet();

        private int last = -1;
    }
}
