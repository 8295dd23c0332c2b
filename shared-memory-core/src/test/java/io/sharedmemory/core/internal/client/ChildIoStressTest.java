package io.sharedmemory.core.internal.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.SharedMemoryUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The child's I/O path under a randomized load while its connection to main is cut at random
 * moments (mid-frame included): many threads doing random blocking and asynchronous calls on
 * one shared connection. Each thread owns its keys, so it knows what every reply must be:
 * every call gets its own reply or its own exception, no reply is lost or swapped, and no call
 * outlives its timeout. A failed seed is printed, so a failure can be replayed.
 */
class ChildIoStressTest {

    private static final Duration TIMEOUT = Duration.ofMillis(800);

    /** Scheduling slack on a loaded 2-core machine; far below what a lost reply would cost. */
    private static final long SLACK_MILLIS = 700;

    private static final int THREADS = 8;

    private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(8);

    private Path directory;

    private SharedMemoryStore main;

    private CuttingProxy proxy;

    private SharedMemoryStore child;

    @BeforeEach
    void start() throws IOException {
        this.directory = Files.createTempDirectory(Path.of("/tmp"), "sms");
        this.main = SharedMemory.builder().socketPath(this.directory.resolve("m.sock")).startMain();
        this.proxy = CuttingProxy.start(this.directory.resolve("p.sock"), this.directory.resolve("m.sock"));
        this.child = SharedMemory.builder().socketPath(this.directory.resolve("p.sock")).requestTimeout(TIMEOUT)
                .connectChild();
        await().atMost(Duration.ofSeconds(20)).until(this.child::isAvailable);
    }

    @AfterEach
    void stop() throws IOException {
        this.child.close();
        this.proxy.close();
        this.main.close();
        try (var files = Files.list(this.directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(this.directory);
    }

    @Test
    void everyCallGetsItsOwnReplyOrItsOwnExceptionInTimeWhileTheConnectionIsCutAtRandom() throws Exception {
        long seed = System.nanoTime();
        Random cuts = new Random(seed);
        AtomicLong answered = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        long end = System.nanoTime() + RUN_NANOS;
        for (int t = 0; t < THREADS; t++) {
            Worker worker = new Worker(t, new Random(seed + t), answered, failed);
            workers.add(pool.submit(() -> {
                worker.run(end);
                return null;
            }));
        }
        int cutsMade = 0;
        try {
            while (System.nanoTime() < end) {
                Thread.sleep(50 + cuts.nextInt(300));
                // Cut only a live connection, so every cut lands in traffic (a cut during a
                // reconnect would only lengthen the child's backoff).
                if (this.child.isAvailable() && this.proxy.cutAll() > 0) {
                    cutsMade++;
                }
            }
            for (Future<?> worker : workers) {
                worker.get(30, TimeUnit.SECONDS);
            }
        }
        catch (Exception | AssertionError ex) {
            throw new AssertionError("Failed with seed " + seed + ": " + ex, ex);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(cutsMade).as("cuts of a live connection").isGreaterThanOrEqualTo(5);
        assertThat(this.proxy.connections()).as("each cut connection was made again").isGreaterThanOrEqualTo(cutsMade);
        assertThat(answered.get()).as("calls answered").isGreaterThan(1000);
        assertThat(failed.get()).as("calls failed by cuts").isGreaterThan(0);
    }

    /** One thread's random calls on keys no other thread touches, each checked. */
    private final class Worker {

        private final String prefix;

        private final Random random;

        private final AtomicLong answered;

        private final AtomicLong failed;

        private long sequence;

        /*
         * A call that failed may still take effect, and later than calls made after it: its
         * request can sit in main's buffer of the cut connection while the next call is served
         * on the new one. So what a failed call wrote stays possible from then on.
         */

        /** The last value acknowledged under this thread's key. */
        private String acknowledged;

        /** Values whose set failed: any of them may be what main holds, at any later moment. */
        private final Set<String> doubtfulValues = new HashSet<>();

        /** What the counter held at the last acknowledged increment. */
        private long counter;

        /** Failed increments not yet seen to have applied: each may add 1, at any later moment. */
        private long doubtfulIncrements;

        Worker(int id, Random random, AtomicLong answered, AtomicLong failed) {
            this.prefix = "w" + id + ".";
            this.random = random;
            this.answered = answered;
            this.failed = failed;
        }

        void run(long end) {
            while (System.nanoTime() < end) {
                int op = this.random.nextInt(10);
                long started = System.nanoTime();
                try {
                    if (op < 3) {
                        set();
                    }
                    else if (op < 6) {
                        get();
                    }
                    else if (op < 9) {
                        increment();
                    }
                    else {
                        asyncIncrements();
                    }
                    this.answered.incrementAndGet();
                }
                catch (SharedMemoryUnavailableException ex) {
                    this.failed.incrementAndGet();
                    if (op >= 6 && op < 9) {
                        this.doubtfulIncrements++;
                    }
                }
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertThat(millis).as("a call of kind %d took %d ms", op, millis)
                    .isLessThan(TIMEOUT.toMillis() * (op == 9 ? 2 : 1) + SLACK_MILLIS);
            }
        }

        private void set() {
            String value = this.prefix + (++this.sequence) + ":" + "x".repeat(this.random.nextBoolean() ? 4 : 4096);
            try {
                ChildIoStressTest.this.child.set(this.prefix + "value", value);
            }
            catch (SharedMemoryUnavailableException ex) {
                this.doubtfulValues.add(value);
                throw ex;
            }
            this.acknowledged = value;
        }

        private void get() {
            Object value = ChildIoStressTest.this.child.get(this.prefix + "value");
            if (value == null) {
                assertThat(this.acknowledged).as("nothing was acknowledged under %svalue", this.prefix).isNull();
                return;
            }
            assertThat((String) value).as("a reply of this thread's key, not another call's").startsWith(this.prefix);
            if (!value.equals(this.acknowledged)) {
                assertThat(this.doubtfulValues).as("the value is the last acknowledged one or one whose set failed")
                    .contains((String) value);
            }
        }

        private void increment() {
            long now = ChildIoStressTest.this.child.increment(this.prefix + "counter", 1);
            check(now);
        }

        /** Sixteen increments in flight from this one thread; their results come back in order. */
        private void asyncIncrements() {
            List<CompletableFuture<Long>> inFlight = new ArrayList<>();
            SharedMemoryUnavailableException failure = null;
            for (int i = 0; i < 16 && failure == null; i++) {
                try {
                    inFlight.add(ChildIoStressTest.this.child.async().increment(this.prefix + "counter", 1));
                }
                catch (SharedMemoryUnavailableException ex) {
                    // Not connected: this one was never sent, the ones before it still count.
                    failure = ex;
                }
            }
            for (CompletableFuture<Long> future : inFlight) {
                try {
                    check(future.join());
                }
                catch (CompletionException ex) {
                    assertThat(ex.getCause()).isInstanceOf(SharedMemoryUnavailableException.class);
                    failure = (SharedMemoryUnavailableException) ex.getCause();
                    this.doubtfulIncrements++;
                }
            }
            if (failure != null) {
                throw failure;
            }
        }

        /** One acknowledged increment: exactly one more, plus any failed ones that applied meanwhile. */
        private void check(long now) {
            long extra = now - this.counter - 1;
            assertThat(extra).as("the increment after %d returned %d, with %d failed ones in doubt", this.counter, now,
                    this.doubtfulIncrements).isBetween(0L, this.doubtfulIncrements);
            this.doubtfulIncrements -= extra;
            this.counter = now;
        }
    }
}
