package io.sharedmemory.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;

import io.sharedmemory.core.NotAnIntegerException;
import io.sharedmemory.core.SharedMemoryCodecException;
import io.sharedmemory.core.internal.codec.ValueCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InMemoryStoreTest {

    final ValueCodec codec = new ValueCodec(List.of(), null);
    final ManualTicker ticker = new ManualTicker();
    final InMemoryStore store = new InMemoryStore(codec, ticker);

    @AfterEach
    void close() {
        store.close();
    }

    StoredValue value(Object v) {
        return StoredValue.of(codec.encode(v), v);
    }

    Object read(String key) {
        StoredValue stored = store.get(key);
        return stored == null ? null : codec.decode(stored.bytes());
    }

    static void await(BooleanSupplier condition) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                .until(condition::getAsBoolean);
    }

    @Nested
    class BasicOperations {

        @Test
        void setThenGetReturnsTheStoredValue() {
            StoredValue v = value("hello");
            store.set("k", v, 0);
            assertThat(store.get("k")).isSameAs(v);
            assertThat(store.get("missing")).isNull();
        }

        @Test
        void setReplaces() {
            store.set("k", value(1), 0);
            store.set("k", value(2), 0);
            assertThat(read("k")).isEqualTo(2);
            assertThat(store.size()).isEqualTo(1);
        }

        @Test
        void nullKeysAndValuesAreRefused() {
            assertThatThrownBy(() -> store.set(null, value(1), 0)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.set("k", null, 0)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.get(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.setIfAbsent("k", null, 0)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.delete(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.set("k", value(1), -1)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void setIfAbsentStoresOnlyOnce() {
            assertThat(store.setIfAbsent("k", value("first"), 0)).isTrue();
            assertThat(store.setIfAbsent("k", value("second"), 0)).isFalse();
            assertThat(read("k")).isEqualTo("first");
        }

        @Test
        void deleteTellsWhetherSomethingWasRemoved() {
            store.set("k", value(1), 0);
            assertThat(store.delete("k")).isTrue();
            assertThat(store.delete("k")).isFalse();
            assertThat(store.get("k")).isNull();
        }

        @Test
        void keysListsLiveMatchingKeys() {
            store.set("user:1", value(1), 0);
            store.set("user:2", value(2), 0);
            store.set("order:1", value(3), 0);
            assertThat(store.keys(GlobPattern.compile("user:*"))).containsExactlyInAnyOrder("user:1", "user:2");
            assertThat(store.keys(GlobPattern.compile("*:1"))).containsExactlyInAnyOrder("user:1", "order:1");
            assertThat(store.keys(GlobPattern.compile("order:1"))).containsExactly("order:1");
            assertThat(store.keys(GlobPattern.compile("nope"))).isEmpty();
        }

        @Test
        void snapshotIsAnImmutableCopyNotALiveView() {
            store.set("a", value(1), 0);
            Map<String, StoredValue> snapshot = store.snapshot().toMap();
            store.set("b", value(2), 0);
            store.delete("a");
            assertThat(snapshot).containsOnlyKeys("a");
            assertThatThrownBy(() -> snapshot.put("c", value(3))).isInstanceOf(UnsupportedOperationException.class);
            assertThat(store.snapshot().toMap()).containsOnlyKeys("b");
        }
    }

    @Nested
    class CompareAndSet {

        @Test
        void replacesWhenTheValueMatches() {
            store.set("k", value("old"), 0);
            assertThat(store.compareAndSet("k", codec.encode("old"), value("new"))).isTrue();
            assertThat(read("k")).isEqualTo("new");
        }

        @Test
        void leavesOtherValuesAndAbsentKeysAlone() {
            store.set("k", value("old"), 0);
            assertThat(store.compareAndSet("k", codec.encode("other"), value("new"))).isFalse();
            assertThat(read("k")).isEqualTo("old");
            assertThat(store.compareAndSet("absent", codec.encode("old"), value("new"))).isFalse();
            assertThat(store.get("absent")).isNull();
        }

        @Test
        void comparesByValueNotByBytes() {
            store.set("k", value(new LinkedHashSet<>(List.of(1, 2, 3))), 0);
            assertThat(store.compareAndSet("k", codec.encode(new HashSet<>(Set.of(3, 2, 1))), value("new"))).isTrue();
        }

        @Test
        void aMalformedExpectedValueIsACodecErrorAndChangesNothing() {
            store.set("k", value(1), 0);
            assertThatThrownBy(() -> store.compareAndSet("k", new byte[] {0x05}, value(2)))
                    .isInstanceOf(SharedMemoryCodecException.class);
            assertThat(read("k")).isEqualTo(1);
        }

        @Test
        void contendedCompareAndSetLosesNoUpdate() throws Exception {
            store.set("n", value(0L), 0);
            int threads = 6;
            int perThread = 500;
            runConcurrently(threads, () -> {
                for (int i = 0; i < perThread; i++) {
                    while (true) {
                        StoredValue current = store.get("n");
                        long n = (Long) codec.decode(current.bytes());
                        if (store.compareAndSet("n", current.bytes(), value(n + 1))) {
                            break;
                        }
                    }
                }
            });
            assertThat(read("n")).isEqualTo((long) threads * perThread);
        }
    }

    @Nested
    class Increment {

        @Test
        void anAbsentKeyCountsAsZero() {
            assertThat(store.increment("c", 5)).isEqualTo(5);
            assertThat(store.increment("c", -7)).isEqualTo(-2);
            assertThat(read("c")).isEqualTo(-2L);
            assertThat(store.get("c").cachedValue()).isEqualTo(-2L);
        }

        @Test
        void acceptsEveryIntegerTypeAndStoresALong() {
            store.set("b", value((byte) 1), 0);
            store.set("s", value((short) 2), 0);
            store.set("i", value(3), 0);
            store.set("l", value(4L), 0);
            assertThat(store.increment("b", 1)).isEqualTo(2);
            assertThat(store.increment("s", 1)).isEqualTo(3);
            assertThat(store.increment("i", 1)).isEqualTo(4);
            assertThat(store.increment("l", 1)).isEqualTo(5);
            assertThat(read("b")).isInstanceOf(Long.class);
        }

        @Test
        void refusesNonIntegersNamingTheKey() {
            store.set("name", value("Ada"), 0);
            store.set("pi", value(3.14), 0);
            assertThatThrownBy(() -> store.increment("name", 1))
                    .isInstanceOf(NotAnIntegerException.class).hasMessageContaining("name");
            assertThatThrownBy(() -> store.increment("pi", 1)).isInstanceOf(NotAnIntegerException.class);
            assertThat(read("name")).isEqualTo("Ada");
        }

        @Test
        void overflowIsRefusedAndLeavesTheValue() {
            store.set("max", value(Long.MAX_VALUE), 0);
            assertThatThrownBy(() -> store.increment("max", 1))
                    .isInstanceOf(NotAnIntegerException.class).hasMessageContaining("max").hasMessageContaining("overflow");
            assertThat(read("max")).isEqualTo(Long.MAX_VALUE);
        }

        @Test
        void concurrentIncrementsGiveExactTotals() throws Exception {
            int threads = 8;
            int perThread = 10_000;
            runConcurrently(threads, () -> {
                for (int i = 0; i < perThread; i++) {
                    store.increment("hits", 1);
                }
            });
            assertThat(read("hits")).isEqualTo((long) threads * perThread);
        }
    }

    @Nested
    class TimeToLive {

        @Test
        void anExpiredKeyIsNeverReturnedEvenWithoutTheExpiryThread() {
            store.set("k", value("v"), 30);
            store.set("other", value("stays"), 0);
            ticker.advance(Duration.ofMillis(29));
            assertThat(read("k")).isEqualTo("v");
            ticker.advance(Duration.ofMillis(1));
            assertThat(store.get("k")).isNull();
            assertThat(store.snapshot().toMap()).containsOnlyKeys("other");
            assertThat(store.keys(GlobPattern.compile("*"))).containsExactly("other");
            assertThat(store.keys(GlobPattern.compile("k"))).isEmpty();
            assertThat(store.delete("k")).isFalse();
            assertThat(store.compareAndSet("k", codec.encode("v"), value("w"))).isFalse();
            assertThat(store.size()).isEqualTo(1);
        }

        @Test
        void anExpiredKeyCountsAsAbsentForSetIfAbsentAndIncrement() {
            store.set("a", value("v"), 20);
            store.set("n", value(10), 20);
            ticker.advance(Duration.ofMillis(20));
            assertThat(store.setIfAbsent("a", value("w"), 0)).isTrue();
            assertThat(store.increment("n", 1)).isEqualTo(1);
        }

        @Test
        void theExpiryThreadRemovesKeysInTheBackground() throws Exception {
            assertThat(threadRunning()).isFalse();
            store.start();
            assertThat(threadRunning()).isTrue();
            for (int i = 0; i < 100; i++) {
                store.set("k" + i, value(i), 20 + i % 10);
            }
            store.set("forever", value(1), 0);
            ticker.advance(Duration.ofMillis(30));
            await(() -> store.heldEntries() == 1);
            assertThat(store.expiryIndexSize()).isZero();
        }

        @Test
        void aNearerDeadlineWakesTheSleepingThread() {
            // On the real clock: the thread parks in real time, up to its maximum sleep of 1 s.
            try (InMemoryStore real = new InMemoryStore(codec)) {
                real.start();
                real.set("late", value(1), 60_000);
                await(() -> expiryThreadState() == Thread.State.TIMED_WAITING);
                long start = System.nanoTime();
                real.set("soon", value(2), 10);
                await(() -> real.heldEntries() == 1);
                // Without the wake-up it would have slept on towards "late" for about a second.
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
            }
        }

        @Test
        void resettingAKeyReplacesItsDeadlineWithoutGrowingTheIndex() {
            for (int i = 0; i < 1000; i++) {
                store.set("k", value(i), 60_000);
            }
            assertThat(store.expiryIndexSize()).isEqualTo(1);
            store.set("k", value("no ttl"), 0);
            assertThat(store.expiryIndexSize()).isZero();
        }

        @Test
        void aPlainSetOrACompareAndSetClearsTheTimeToLive() {
            store.set("a", value(1), 30);
            store.set("a", value(2), 0);
            store.set("b", value(1), 30);
            assertThat(store.compareAndSet("b", codec.encode(1), value(2))).isTrue();
            ticker.advance(Duration.ofHours(1));
            assertThat(read("a")).isEqualTo(2);
            assertThat(read("b")).isEqualTo(2);
        }

        @Test
        void incrementKeepsTheTimeToLive() throws Exception {
            store.start();
            store.set("n", value(1), 80);
            assertThat(store.increment("n", 1)).isEqualTo(2);
            assertThat(store.expiryIndexSize()).isEqualTo(1);
            ticker.advance(Duration.ofMillis(79));
            assertThat(store.get("n")).isNotNull();
            ticker.advance(Duration.ofMillis(1));
            assertThat(store.get("n")).isNull();
            await(() -> store.heldEntries() == 0);
        }

        @Test
        void closeStopsTheThreadButKeepsTheData() throws Exception {
            store.start();
            store.start(); // a second start is harmless
            store.set("k", value("v"), 0);
            store.close();
            store.close();
            await(() -> !threadRunning());
            assertThat(read("k")).isEqualTo("v");
            assertThatThrownBy(store::start).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void theExpiryThreadIsADaemon() {
            store.start();
            assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().equals("shared-memory-expiry"))
                    .isNotEmpty().allMatch(Thread::isDaemon);
        }

        Thread.State expiryThreadState() {
            return Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("shared-memory-expiry")).findFirst().map(Thread::getState)
                    .orElse(Thread.State.TERMINATED);
        }

        boolean threadRunning() {
            return Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().equals("shared-memory-expiry") && t.isAlive());
        }
    }

    @Nested
    class Listings {

        @Test
        void getManyListsThePresentKeysInTheOrderAsked() {
            store.set("a", value(1), 0);
            store.set("c", value(3), 0);
            Snapshot found = store.getMany(List.of("c", "b", "a"));
            assertThat(found.size()).isEqualTo(2);
            assertThat(found.key(0)).isEqualTo("c");
            assertThat(found.key(1)).isEqualTo("a");
            assertThat(codec.decode(found.bytes(1))).isEqualTo(1);
            assertThatThrownBy(() -> found.key(2)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(store.getMany(List.of("x")).size()).isZero();
        }

        @Test
        void anEmptyStoreHasAnEmptySnapshot() {
            assertThat(store.snapshot().size()).isZero();
            assertThat(store.snapshot().toMap()).isEmpty();
        }

        /**
         * A writer sets keys 0..n-1 to its generation, one after another, over and over: at any
         * instant the store holds generation g up to some key and g-1 after it. A listing that
         * read keys at different instants would see a later generation after an earlier one, or
         * three generations.
         */
        @Test
        void snapshotsAndKeyListingsSeeOneInstantWhileAWriterSweeps() throws Exception {
            int keys = 2_000;
            for (int i = 0; i < keys; i++) {
                store.set("k" + i, value(0L), 0);
            }
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread writer = new Thread(() -> {
                for (long generation = 1; !stop.get(); generation++) {
                    for (int i = 0; i < keys; i++) {
                        store.set("k" + i, value(generation), 0);
                        if (i % 2 == 0) {
                            store.delete("odd" + generation);
                        }
                        else {
                            store.set("odd" + generation, value(0L), 0);
                        }
                    }
                }
            });
            writer.start();
            try {
                for (int round = 0; round < 50; round++) {
                    Snapshot snapshot = store.snapshot();
                    long[] generations = new long[keys];
                    for (int i = 0; i < snapshot.size(); i++) {
                        if (snapshot.key(i).startsWith("k")) {
                            generations[Integer.parseInt(snapshot.key(i).substring(1))] =
                                    (Long) codec.decode(snapshot.bytes(i));
                        }
                    }
                    assertOneInstant(generations);
                    assertThat(store.keys(GlobPattern.compile("k*"))).hasSize(keys);
                }
            } finally {
                stop.set(true);
                writer.join(10_000);
            }
        }

        private void assertOneInstant(long[] generations) {
            long first = generations[0];
            boolean stepped = false;
            for (int i = 1; i < generations.length; i++) {
                if (generations[i] == first) {
                    assertThat(stepped).as("key %d is back at generation %d after a step", i, first).isFalse();
                } else {
                    assertThat(generations[i]).as("key %d", i).isEqualTo(first - 1);
                    stepped = true;
                }
            }
        }
    }

    @Nested
    class Representation {

        @Test
        void aValueWithoutADecodedFormIsHeldAsItsBareBytes() {
            byte[] bytes = codec.encode("from a child");
            store.set("child", StoredValue.encoded(bytes), 0);
            assertThat(store.heldEntry("child")).isSameAs(bytes);
            store.setMany(Map.of("batch", StoredValue.encoded(bytes)));
            assertThat(store.heldEntry("batch")).isSameAs(bytes);
            assertThat(store.setIfAbsent("absent", StoredValue.encoded(bytes), 0)).isTrue();
            assertThat(store.heldEntry("absent")).isSameAs(bytes);
            assertThat(store.get("child").bytes()).isSameAs(bytes);
            assertThat(store.get("child").cachedValue()).isNull();
        }

        @Test
        void aValueWithADecodedFormKeepsItForMainsOwnReads() {
            StoredValue own = value("set by main");
            store.set("own", own, 0);
            assertThat(store.heldEntry("own")).isSameAs(own);
            assertThat(store.get("own").cachedValue()).isEqualTo("set by main");
        }

        @Test
        void aValueWithATimeToLiveIsOneExpiringAroundTheBareBytes() {
            byte[] bytes = codec.encode(7);
            store.set("ttl", StoredValue.encoded(bytes), 60_000);
            assertThat(store.heldEntry("ttl")).isInstanceOfSatisfying(Expiring.class,
                    (expiring) -> assertThat(expiring.value).isSameAs(bytes));
            assertThat(store.get("ttl").bytes()).isSameAs(bytes);
            assertThat(store.compareAndSet("ttl", codec.encode(7), StoredValue.encoded(codec.encode(8)))).isTrue();
            assertThat(store.heldEntry("ttl")).isInstanceOf(byte[].class);
        }
    }

    @Nested
    class StoredValues {

        @Test
        void onlyImmutableDecodedFormsAreCached() {
            assertThat(StoredValue.of(codec.encode("s"), "s").cachedValue()).isEqualTo("s");
            List<Integer> list = new ArrayList<>(List.of(1));
            assertThat(StoredValue.of(codec.encode(list), list).cachedValue()).isNull();
            StoredValue fromChild = StoredValue.encoded(codec.encode(5));
            assertThat(fromChild.cachedValue()).isNull();
            fromChild.cache(5);
            assertThat(fromChild.cachedValue()).isEqualTo(5);
            fromChild.cache(list);
            assertThat(fromChild.cachedValue()).isEqualTo(5);
            assertThatThrownBy(() -> StoredValue.encoded(null)).isInstanceOf(NullPointerException.class);
        }
    }

    /** Starts all tasks together and fails on the first exception. */
    static void runConcurrently(int threads, ThrowingRunnable task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    task.run();
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
