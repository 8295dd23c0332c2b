package io.sharedmemory.core.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.sharedmemory.core.KeyEvent;
import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.Role;
import io.sharedmemory.core.SharedMemoryException;
import io.sharedmemory.core.Subscription;
import io.sharedmemory.core.it.Point;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The {@link KeyValueStore} contract, the same for every role: each role's test extends this
 * class and supplies a started store that trusts the package of {@link Point}. Keys and channels
 * of each test start with a fresh prefix, so tests never see each other's data.
 */
public abstract class KeyValueStoreContract {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Unique per test: its keys and channels. */
    protected String ns;

    /**
     * The store under test, started, trusting {@code io.sharedmemory.core.it}.
     * @return the store
     */
    protected abstract KeyValueStore store();

    /**
     * The role the store plays.
     * @return the role
     */
    protected abstract Role expectedRole();

    @BeforeEach
    void freshNamespace() {
        this.ns = "c" + UUID.randomUUID().toString().substring(0, 8) + ".";
    }

    @Test
    void playsItsRole() {
        assertThat(store().role()).isEqualTo(expectedRole());
    }

    @Test
    void valuesComeBackEqualAndOfTheSameClass() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", List.of(1, "two", 3.0));
        nested.put("set", Set.of("a"));
        List<Object> values = List.of("text", "", 42, 42L, Long.MIN_VALUE, -7L, (short) 3, (byte) -2, 1.5d, 2.5f, true,
                'c', List.of("a", "b"), Set.of(1, 2), nested, new Point(3, 4), UUID.randomUUID(), Duration.ofSeconds(9));
        for (int i = 0; i < values.size(); i++) {
            store().set(this.ns + i, values.get(i));
        }
        for (int i = 0; i < values.size(); i++) {
            Object read = store().get(this.ns + i);
            assertThat(read).as("value %d", i).isEqualTo(values.get(i));
            assertThat(read.getClass()).as("class of value %d", i).isEqualTo(values.get(i).getClass());
        }
        byte[] bytes = { 1, 2, 3, 0, -1 };
        store().set(this.ns + "bytes", bytes);
        assertThat((byte[]) store().get(this.ns + "bytes")).containsExactly(bytes);
    }

    @Test
    void anAbsentKeyReadsAsNullOrTheDefault() {
        assertThat(store().get(this.ns + "absent")).isNull();
        assertThat(store().get(this.ns + "absent", "fallback")).isEqualTo("fallback");
        store().set(this.ns + "present", "here");
        assertThat(store().get(this.ns + "present", "fallback")).isEqualTo("here");
    }

    @Test
    void nullsAndNonPositiveTtlsAreRefused() {
        assertThatNullPointerException().isThrownBy(() -> store().set(null, "v"));
        assertThatNullPointerException().isThrownBy(() -> store().set(this.ns + "k", null));
        assertThatIllegalArgumentException().isThrownBy(() -> store().set(this.ns + "k", "v", Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> store().set(this.ns + "k", "v", Duration.ofSeconds(-1)));
        assertThat(store().get(this.ns + "k")).isNull();
    }

    @Test
    void aKeyWithATimeToLiveDisappearsAndASetClearsIt() {
        store().set(this.ns + "short", "v", Duration.ofMillis(300));
        store().set(this.ns + "kept", "v", Duration.ofMillis(300));
        store().set(this.ns + "kept", "v2");
        assertThat(store().get(this.ns + "short")).isEqualTo("v");
        await().atMost(WAIT).until(() -> store().get(this.ns + "short") == null);
        assertThat(store().keys(this.ns + "*")).containsExactly(this.ns + "kept");
        assertThat(store().get(this.ns + "kept")).isEqualTo("v2");
    }

    @Test
    void deleteTellsWhetherItRemovedSomething() {
        store().set(this.ns + "k", "v");
        assertThat(store().delete(this.ns + "k")).isTrue();
        assertThat(store().delete(this.ns + "k")).isFalse();
        assertThat(store().get(this.ns + "k")).isNull();
    }

    @Test
    void getAllIsAnImmutableSnapshot() {
        store().set(this.ns + "a", 1L);
        store().set(this.ns + "b", "two");
        Map<String, Object> all = store().getAll();
        assertThat(all).containsEntry(this.ns + "a", 1L).containsEntry(this.ns + "b", "two");
        store().set(this.ns + "c", 3L);
        assertThat(all).doesNotContainKey(this.ns + "c");
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> all.put("x", 1));
    }

    @Test
    void keysMatchGlobs() {
        for (String key : List.of("user.1", "user.22", "user.x", "users", "user*", "admin.1")) {
            store().set(this.ns + key, key);
        }
        assertThat(store().keys(this.ns + "user.*")).containsExactlyInAnyOrder(this.ns + "user.1", this.ns + "user.22",
                this.ns + "user.x");
        assertThat(store().keys(this.ns + "user.?")).containsExactlyInAnyOrder(this.ns + "user.1", this.ns + "user.x");
        assertThat(store().keys(this.ns + "user\\*")).containsExactly(this.ns + "user*");
        assertThat(store().keys(this.ns + "[a]*")).isEmpty();
        assertThat(store().keys(this.ns + "*")).hasSize(6);
        store().set(this.ns + "é.1", "accent");
        assertThat(store().keys(this.ns + "?.1")).containsExactly(this.ns + "é.1");
    }

    @Test
    void setIfAbsentStoresOnlyOnce() {
        assertThat(store().setIfAbsent(this.ns + "k", "first")).isTrue();
        assertThat(store().setIfAbsent(this.ns + "k", "second")).isFalse();
        assertThat(store().get(this.ns + "k")).isEqualTo("first");
    }

    @Test
    void compareAndSetComparesByValue() {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", 2);
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", 2);
        ba.put("a", 1);
        store().set(this.ns + "map", ab);
        assertThat(store().compareAndSet(this.ns + "map", ba, "swapped")).isTrue();
        assertThat(store().get(this.ns + "map")).isEqualTo("swapped");
        assertThat(store().compareAndSet(this.ns + "map", "other", "no")).isFalse();
        assertThat(store().compareAndSet(this.ns + "absent", "x", "no")).isFalse();
        assertThat(store().get(this.ns + "absent")).isNull();
        store().set(this.ns + "n", 5L);
        assertThat(store().compareAndSet(this.ns + "n", 5, "no")).as("Integer 5 is not Long 5").isFalse();
        assertThat(store().compareAndSet(this.ns + "n", 5L, new Point(1, 2))).isTrue();
        assertThat(store().get(this.ns + "n")).isEqualTo(new Point(1, 2));
    }

    @Test
    void incrementCountsFromZeroAndKeepsLongs() {
        assertThat(store().increment(this.ns + "n", 5)).isEqualTo(5);
        assertThat(store().increment(this.ns + "n", -7)).isEqualTo(-2);
        assertThat(store().get(this.ns + "n")).isEqualTo(-2L);
        store().set(this.ns + "int", 40);
        assertThat(store().increment(this.ns + "int", 2)).isEqualTo(42);
        assertThat(store().get(this.ns + "int")).isEqualTo(42L);
        store().set(this.ns + "short", (short) -3);
        assertThat(store().increment(this.ns + "short", 1)).isEqualTo(-2);
        store().set(this.ns + "byte", (byte) 127);
        assertThat(store().increment(this.ns + "byte", Long.MAX_VALUE - 127)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void incrementKeepsTheTimeToLive() {
        store().set(this.ns + "n", 1L, Duration.ofMillis(400));
        store().increment(this.ns + "n", 1);
        await().atMost(WAIT).until(() -> store().get(this.ns + "n") == null);
    }

    @Test
    void incrementRefusesNonIntegersAndOverflowWithoutChangingTheValue() {
        store().set(this.ns + "text", "12");
        assertThatExceptionOfType(SharedMemoryException.class).isThrownBy(() -> store().increment(this.ns + "text", 1));
        assertThat(store().get(this.ns + "text")).isEqualTo("12");
        store().set(this.ns + "big", Long.MAX_VALUE);
        assertThatExceptionOfType(SharedMemoryException.class).isThrownBy(() -> store().increment(this.ns + "big", 1));
        assertThat(store().get(this.ns + "big")).isEqualTo(Long.MAX_VALUE);
        store().set(this.ns + "int", Integer.MIN_VALUE);
        assertThatExceptionOfType(SharedMemoryException.class)
            .isThrownBy(() -> store().increment(this.ns + "int", Long.MIN_VALUE));
        assertThat(store().get(this.ns + "int")).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void concurrentIncrementsAreExact() throws Exception {
        int threads = 8;
        int each = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        store().increment(this.ns + "counter", 1);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(store().get(this.ns + "counter")).isEqualTo((long) threads * each);
    }

    @Test
    void concurrentCompareAndSetLetsOneWinnerPerValue() throws Exception {
        store().set(this.ns + "slot", 0L);
        int threads = 4;
        int rounds = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Long> wins = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (long v = 0; v < rounds; v++) {
                        if (store().compareAndSet(this.ns + "slot", v, v + 1)) {
                            wins.add(v);
                        }
                        else {
                            // Someone else moved it on; catch up with the value it holds now.
                            while (store().get(this.ns + "slot", 0L) < v + 1) {
                                Thread.onSpinWait();
                            }
                        }
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(store().get(this.ns + "slot")).isEqualTo((long) rounds);
        assertThat(wins).hasSize(rounds).doesNotHaveDuplicates();
    }

    @Test
    void aSubscriberGetsEveryMessageInPublishOrder() {
        List<Object> received = new CopyOnWriteArrayList<>();
        try (Subscription subscription = store().subscribe(this.ns + "ch", received::add)) {
            for (int i = 0; i < 500; i++) {
                store().publish(this.ns + "ch", i);
            }
            store().publish(this.ns + "ch", new Point(1, 1));
            await().atMost(WAIT).until(() -> received.size() == 501);
        }
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            expected.add(i);
        }
        expected.add(new Point(1, 1));
        assertThat(received).containsExactlyElementsOf(expected);
    }

    @Test
    void aPatternSubscriberGetsTheChannelOfEachMessage() {
        List<String> received = new CopyOnWriteArrayList<>();
        try (Subscription subscription = store().subscribePattern(this.ns + "news.?",
                (channel, message) -> received.add(channel + "=" + message))) {
            store().publish(this.ns + "news.a", "one");
            store().publish(this.ns + "news.bb", "skipped");
            store().publish(this.ns + "other", "skipped");
            store().publish(this.ns + "news.é", "two");
            await().atMost(WAIT).until(() -> received.size() == 2);
        }
        assertThat(received).containsExactly(this.ns + "news.a=one", this.ns + "news.é=two");
    }

    @Test
    void aThrowingListenerDoesNotStopLaterMessagesOrOtherListeners() {
        List<Object> first = new CopyOnWriteArrayList<>();
        List<Object> second = new CopyOnWriteArrayList<>();
        try (Subscription failing = store().subscribe(this.ns + "ch", (message) -> {
            first.add(message);
            throw new IllegalStateException("listener failure for the test");
        }); Subscription other = store().subscribe(this.ns + "ch", second::add)) {
            store().publish(this.ns + "ch", "a");
            store().publish(this.ns + "ch", "b");
            await().atMost(WAIT).until(() -> first.size() == 2 && second.size() == 2);
        }
    }

    @Test
    void aClosedSubscriptionGetsNothingMore() {
        List<Object> closed = new CopyOnWriteArrayList<>();
        List<Object> open = new CopyOnWriteArrayList<>();
        Subscription subscription = store().subscribe(this.ns + "ch", closed::add);
        try (Subscription witness = store().subscribe(this.ns + "ch", open::add)) {
            store().publish(this.ns + "ch", "before");
            await().atMost(WAIT).until(() -> closed.size() == 1 && open.size() == 1);
            subscription.close();
            subscription.close();
            store().publish(this.ns + "ch", "after");
            await().atMost(WAIT).until(() -> open.size() == 2);
        }
        assertThat(closed).containsExactly("before");
    }

    @Test
    void aWatcherIsToldEveryChangeOfItsKeysWithOldAndNewValues() {
        String k = this.ns + "w.k";
        String n = this.ns + "w.n";
        List<KeyEvent> events = new CopyOnWriteArrayList<>();
        try (Subscription watch = store().watch(this.ns + "w.*", events::add)) {
            store().set(k, "a");
            store().set(this.ns + "unwatched", "x");
            assertThat(store().setIfAbsent(k, "lost")).isFalse();
            assertThat(store().compareAndSet(k, "a", "b")).isTrue();
            assertThat(store().compareAndSet(k, "zzz", "lost")).isFalse();
            store().increment(n, 2);
            store().setAll(Map.of(n, 10L));
            assertThat(store().delete(k)).isTrue();
            assertThat(store().delete(k)).isFalse();
            store().set(k, "brief", Duration.ofMillis(200));
            await().atMost(WAIT).until(() -> events.size() == 7);
        }
        // Per key in applied order; the two keys' events may interleave either way.
        assertThat(events.stream().filter((event) -> event.key().equals(k)).toList()).containsExactly(
                new KeyEvent(KeyEvent.Type.SET, k, null, "a"),
                new KeyEvent(KeyEvent.Type.SET, k, "a", "b"),
                new KeyEvent(KeyEvent.Type.DELETE, k, "b", null),
                new KeyEvent(KeyEvent.Type.SET, k, null, "brief"),
                // Redis no longer has the value when it tells of an expiry (README, the redis role).
                new KeyEvent(KeyEvent.Type.EXPIRE, k, expectedRole() == Role.REDIS ? null : "brief", null));
        assertThat(events.stream().filter((event) -> event.key().equals(n)).toList()).containsExactly(
                new KeyEvent(KeyEvent.Type.SET, n, null, 2L),
                new KeyEvent(KeyEvent.Type.SET, n, 2L, 10L));
    }

    @Test
    void getAllOfKeysReturnsThePresentOnesAsAnImmutableMap() {
        store().set(this.ns + "a", 1L);
        store().set(this.ns + "b", new Point(2, 2));
        store().set(this.ns + "gone", "x", Duration.ofMillis(1));
        await().atMost(WAIT).until(() -> store().get(this.ns + "gone") == null);
        Map<String, Object> found = store().getAll(List.of(this.ns + "a", this.ns + "b", this.ns + "c", this.ns + "gone"));
        assertThat(found).containsOnly(Map.entry(this.ns + "a", 1L), Map.entry(this.ns + "b", new Point(2, 2)));
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> found.put("x", 1));
        assertThat(store().getAll(List.of())).isEmpty();
        assertThatNullPointerException().isThrownBy(() -> store().getAll(java.util.Arrays.asList(this.ns + "a", null)));
    }

    @Test
    void setAllStoresEveryEntryAndClearsTimesToLive() {
        store().set(this.ns + "a", "old", Duration.ofMillis(300));
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put(this.ns + "a", "new");
        entries.put(this.ns + "b", 2L);
        entries.put(this.ns + "c", new Point(3, 3));
        store().setAll(entries);
        assertThat(store().getAll(entries.keySet())).isEqualTo(entries);
        assertThat(store().increment(this.ns + "b", 1)).isEqualTo(3);
        store().setAll(Map.of());
        // The time to live of "a" was cleared by setAll: it outlives its old deadline.
        await().pollDelay(Duration.ofMillis(600)).atMost(WAIT).until(() -> "new".equals(store().get(this.ns + "a")));
        Map<String, Object> withNull = new java.util.HashMap<>();
        withNull.put(this.ns + "d", null);
        assertThatNullPointerException().isThrownBy(() -> store().setAll(withNull));
        assertThat(store().get(this.ns + "d")).isNull();
    }

    @Test
    void aBatchReaderNeverSeesASetAllHalfApplied() throws Exception {
        List<String> keys = List.of(this.ns + "x", this.ns + "y", this.ns + "z");
        store().setAll(Map.of(keys.get(0), 0L, keys.get(1), 0L, keys.get(2), 0L));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                for (long i = 1; i <= 300; i++) {
                    store().setAll(Map.of(keys.get(0), i, keys.get(1), i, keys.get(2), i));
                }
            });
            Future<?> reader = pool.submit(() -> {
                long last = 0;
                while (last < 300) {
                    Map<String, Object> seen = store().getAll(keys);
                    assertThat(Set.copyOf(seen.values())).as("one batch, all or nothing: %s", seen).hasSize(1);
                    long now = (Long) seen.get(keys.get(0));
                    assertThat(now).as("batches apply in order").isGreaterThanOrEqualTo(last);
                    last = now;
                }
            });
            writer.get(60, TimeUnit.SECONDS);
            reader.get(60, TimeUnit.SECONDS);
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneThreadKeepsManyAsyncCallsInFlightAndTheyApplyInOrder() {
        List<java.util.concurrent.CompletableFuture<Long>> counts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            counts.add(store().async().increment(this.ns + "n", 1));
        }
        store().async().set(this.ns + "after", "done").join();
        for (int i = 0; i < counts.size(); i++) {
            assertThat(counts.get(i).join()).isEqualTo(i + 1L);
        }
        assertThat(store().async().get(this.ns + "after").join()).isEqualTo("done");
        assertThat(store().async().getAll(List.of(this.ns + "n", this.ns + "none")).join())
            .containsOnly(Map.entry(this.ns + "n", 200L));
        store().async().setAll(Map.of(this.ns + "p", new Point(5, 6))).join();
        assertThat(store().async().setIfAbsent(this.ns + "p", "no").join()).isFalse();
        assertThat(store().async().compareAndSet(this.ns + "p", new Point(5, 6), "yes").join()).isTrue();
        assertThat(store().async().keys(this.ns + "*").join()).contains(this.ns + "n", this.ns + "p", this.ns + "after");
        assertThat(store().async().getAll().join()).containsEntry(this.ns + "p", "yes");
        assertThat(store().async().delete(this.ns + "p").join()).isTrue();
        store().async().set(this.ns + "t", "v", Duration.ofMillis(200)).join();
        await().atMost(WAIT).until(() -> store().get(this.ns + "t") == null);
    }

    @Test
    void asyncFailuresCompleteTheFutureAndBadArgumentsThrowAtOnce() {
        store().set(this.ns + "text", "not a number");
        assertThatExceptionOfType(java.util.concurrent.CompletionException.class)
            .isThrownBy(() -> store().async().increment(this.ns + "text", 1).join())
            .withCauseInstanceOf(SharedMemoryException.class);
        assertThatNullPointerException().isThrownBy(() -> store().async().get(null));
        assertThatNullPointerException().isThrownBy(() -> store().async().set(this.ns + "k", null));
        assertThatIllegalArgumentException().isThrownBy(() -> store().async().set(this.ns + "k", "v", Duration.ZERO));
    }

    @Test
    void asyncPublishReachesSubscribersInOrder() {
        List<Object> received = new CopyOnWriteArrayList<>();
        try (Subscription subscription = store().subscribe(this.ns + "ch", received::add)) {
            List<java.util.concurrent.CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                sent.add(store().async().publish(this.ns + "ch", i));
            }
            sent.forEach(java.util.concurrent.CompletableFuture::join);
            await().atMost(WAIT).until(() -> received.size() == 100);
        }
        for (int i = 0; i < 100; i++) {
            assertThat(received.get(i)).isEqualTo(i);
        }
    }

    @Test
    void publishingWithoutSubscribersIsFine() {
        store().publish(this.ns + "nobody", "hello");
        assertThatNullPointerException().isThrownBy(() -> store().publish(this.ns + "nobody", null));
    }
}
