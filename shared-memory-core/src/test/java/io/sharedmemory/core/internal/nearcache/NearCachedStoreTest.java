package io.sharedmemory.core.internal.nearcache;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.sharedmemory.core.StoreObserver;
import io.sharedmemory.core.InvalidSettingException;
import io.sharedmemory.core.internal.codec.ValueCodec;
import io.sharedmemory.core.testing.SeededRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * The near cache in front of a scripted store, driven by a scripted invalidation source: what it
 * caches, what it drops, and the races between a read in flight and a change, a lost tracking or
 * this process's own write.
 */
class NearCachedStoreTest {

    private final ScriptedStore backing = new ScriptedStore();

    private final ScriptedInvalidations source = new ScriptedInvalidations();

    private final AtomicLong hits = new AtomicLong();

    private final AtomicLong misses = new AtomicLong();

    private NearCachedStore store = nearCached(List.of("*"), 100);

    @AfterEach
    void close() {
        this.store.close();
    }

    private NearCachedStore nearCached(List<String> keys, int maxEntries) {
        StoreObserver observer = new StoreObserver() {
            @Override
            public void nearCacheGet(boolean hit) {
                (hit ? NearCachedStoreTest.this.hits : NearCachedStoreTest.this.misses).incrementAndGet();
            }
        };
        NearCachedStore near = new NearCachedStore(this.backing, this.source, new NearCacheSettings(keys, maxEntries),
                new ValueCodec(Set.of(), getClass().getClassLoader()), observer);
        near.start();
        return near;
    }

    /** Another process changes a key: the store has the new value, and its invalidation arrives. */
    private void changedElsewhere(String key, Object value) {
        this.backing.data.put(key, value);
        this.source.invalidated(key);
    }

    @Test
    void startTracksTheConfiguredKeysAndCloseStopsTrackingAndTheStore() {
        this.store.close();
        this.store = nearCached(List.of("config.*", "user.?"), 10);
        assertThat(this.source.globs()).containsExactly("config.*", "user.?");
        assertThat(this.backing.isRunning()).isTrue();
        this.store.close();
        assertThat(this.source.isClosed()).isTrue();
        assertThat(this.backing.isRunning()).isFalse();
    }

    @Test
    void aLiveCacheAnswersRepeatedReadsAndCountsHitsAndMisses() {
        this.source.live();
        this.backing.data.put("k", "v1");
        assertThat(this.store.get("k")).isEqualTo("v1");
        assertThat(this.store.get("k")).isEqualTo("v1");
        assertThat(this.store.get("absent")).isNull();
        assertThat(this.store.get("absent")).isNull();
        assertThat(this.backing.gets).hasValue(2);
        assertThat(this.hits).hasValue(2);
        assertThat(this.misses).hasValue(2);
    }

    @Test
    void nothingIsCachedBeforeTrackingIsLive() {
        this.backing.data.put("k", "v1");
        this.store.get("k");
        this.store.get("k");
        assertThat(this.backing.gets).hasValue(2);
        assertThat(this.store.cachedKeys()).isZero();
    }

    @Test
    void anInvalidationDropsTheValueSoTheNextReadSeesTheChange() {
        this.source.live();
        this.backing.data.put("k", "v1");
        assertThat(this.store.get("k")).isEqualTo("v1");
        changedElsewhere("k", "v2");
        assertThat(this.store.get("k")).isEqualTo("v2");
        this.backing.data.remove("k");
        this.source.invalidated("k");
        assertThat(this.store.get("k")).isNull();
    }

    @Test
    void aReadThatRacedAChangeIsReturnedButNeverCached() {
        this.source.live();
        this.backing.data.put("k", "old");
        // The store read "old"; before its reply arrives, another process writes and its invalidation comes.
        this.backing.duringNextGet((key) -> changedElsewhere(key, "new"));
        assertThat(this.store.get("k")).isEqualTo("old");
        assertThat(this.store.get("k")).isEqualTo("new");
        assertThat(this.backing.gets).hasValue(2);
    }

    @Test
    void aReadThatRacedALostTrackingIsNotCachedEvenIfTrackingIsLiveAgain() {
        this.source.live();
        this.backing.data.put("k", "old");
        this.backing.duringNextGet((key) -> {
            this.backing.data.put(key, "new");
            // The change's invalidation went untold: the source lost tracking, then registered it again.
            this.source.lost();
            this.source.live();
        });
        assertThat(this.store.get("k")).isEqualTo("old");
        assertThat(this.store.get("k")).isEqualTo("new");
    }

    @Test
    void lostEmptiesTheCacheAndNothingIsCachedUntilLiveAgain() {
        this.source.live();
        this.backing.data.put("a", "1");
        this.backing.data.put("b", "2");
        this.store.get("a");
        this.store.get("b");
        assertThat(this.store.cachedKeys()).isEqualTo(2);
        this.source.lost();
        assertThat(this.store.cachedKeys()).isZero();
        // Changes while lost are never told; every read goes to the store.
        this.backing.data.put("a", "1b");
        assertThat(this.store.get("a")).isEqualTo("1b");
        assertThat(this.store.get("a")).isEqualTo("1b");
        assertThat(this.backing.gets).hasValue(4);
        this.source.live();
        this.store.get("a");
        this.store.get("a");
        assertThat(this.backing.gets).hasValue(5);
    }

    @Test
    void aProcessReadsItsOwnWritesBeforeTheirInvalidationArrives() {
        this.source.live();
        this.backing.data.put("k", "v1");
        this.backing.data.put("n", 1L);
        this.store.get("k");
        this.store.get("n");
        this.store.set("k", "v2");
        assertThat(this.store.get("k")).isEqualTo("v2");
        this.store.set("k", "v3", java.time.Duration.ofMinutes(1));
        assertThat(this.store.get("k")).isEqualTo("v3");
        assertThat(this.store.delete("k")).isTrue();
        assertThat(this.store.get("k")).isNull();
        assertThat(this.store.increment("n", 4)).isEqualTo(5L);
        assertThat(this.store.get("n")).isEqualTo(5L);
        assertThat(this.store.compareAndSet("n", 5L, 9L)).isTrue();
        assertThat(this.store.get("n")).isEqualTo(9L);
        assertThat(this.store.setIfAbsent("k", "v4")).isTrue();
        assertThat(this.store.get("k")).isEqualTo("v4");
        this.store.setAll(Map.of("k", "v5", "n", 10L));
        assertThat(this.store.get("k")).isEqualTo("v5");
        assertThat(this.store.get("n")).isEqualTo(10L);
    }

    @Test
    void anOwnWriteDuringAReadInFlightKeepsTheOlderReplyOutOfTheCache() {
        this.source.live();
        this.backing.data.put("k", "old");
        // Another thread of this process writes while this read's (older) reply is on its way.
        this.backing.duringNextGet((key) -> this.store.set(key, "mine"));
        assertThat(this.store.get("k")).isEqualTo("old");
        assertThat(this.store.get("k")).isEqualTo("mine");
    }

    @Test
    void asyncWritesInvalidateBeforeTheirFutureCompletesAndAsyncReadsGoToTheStore() throws Exception {
        this.source.live();
        this.backing.data.put("k", "v1");
        this.backing.data.put("n", 1L);
        this.store.get("k");
        this.store.get("n");
        this.store.async().set("k", "v2").get(10, TimeUnit.SECONDS);
        assertThat(this.store.get("k")).isEqualTo("v2");
        assertThat(this.store.async().increment("n", 2).get(10, TimeUnit.SECONDS)).isEqualTo(3L);
        assertThat(this.store.get("n")).isEqualTo(3L);
        this.store.async().setAll(Map.of("k", "v3")).get(10, TimeUnit.SECONDS);
        assertThat(this.store.get("k")).isEqualTo("v3");
        int before = this.backing.gets.get();
        assertThat(this.store.async().get("k").get(10, TimeUnit.SECONDS)).isEqualTo("v3");
        assertThat(this.backing.gets.get()).isEqualTo(before + 1);
    }

    @Test
    void atomicOperationsGetAllAndKeysAlwaysGoToTheStore() {
        this.source.live();
        this.backing.data.put("n", 1L);
        assertThat(this.store.get("n")).isEqualTo(1L);
        // A change whose invalidation has not arrived yet: only get may still return the old value.
        this.backing.data.put("n", 5L);
        assertThat(this.store.get("n")).isEqualTo(1L);
        assertThat(this.store.getAll()).containsEntry("n", 5L);
        assertThat(this.store.getAll(List.of("n"))).containsEntry("n", 5L);
        assertThat(this.store.keys("n*")).containsExactly("n");
        assertThat(this.store.setIfAbsent("n", 7L)).isFalse();
        assertThat(this.store.compareAndSet("n", 5L, 6L)).isTrue();
        assertThat(this.store.increment("n", 1)).isEqualTo(7L);
    }

    @Test
    void onlyKeysMatchingTheGlobsAreCached() {
        this.store.close();
        this.store = nearCached(List.of("config.*"), 100);
        this.source.live();
        this.backing.data.put("config.a", "x");
        this.backing.data.put("other", "y");
        this.store.get("config.a");
        this.store.get("config.a");
        this.store.get("other");
        this.store.get("other");
        assertThat(this.backing.gets).hasValue(3);
        assertThat(this.hits.get() + this.misses.get()).isEqualTo(2);
    }

    @Test
    void theCacheIsBoundedByMaxEntries() {
        this.store.close();
        this.store = nearCached(List.of("*"), 3);
        this.source.live();
        for (int i = 0; i < 50; i++) {
            this.backing.data.put("k" + i, i);
            this.store.get("k" + i);
        }
        assertThat(this.store.cachedKeys()).isLessThanOrEqualTo(3);
        assertThat(this.store.get("k49")).isEqualTo(49);
    }

    @Test
    void mutableValuesAreCopiedAtEachHit() {
        this.source.live();
        this.backing.data.put("list", new ArrayList<>(List.of("a", "b")));
        @SuppressWarnings("unchecked")
        List<String> first = (List<String>) this.store.get("list");
        first.add("mutated");
        Object second = this.store.get("list");
        assertThat(second).isEqualTo(List.of("a", "b")).isNotSameAs(first);
        assertThat(this.backing.gets).hasValue(1);
    }

    @Test
    void badArgumentsAreRefusedClearly() {
        assertThatNullPointerException().isThrownBy(() -> this.store.get(null)).withMessage("key");
        assertThatNullPointerException().isThrownBy(() -> this.store.set(null, "v")).withMessage("key");
        assertThatExceptionOfType(InvalidSettingException.class)
            .isThrownBy(() -> new NearCacheSettings(List.of(), 10)).withMessageContaining("nearCacheKeys");
        assertThatExceptionOfType(InvalidSettingException.class)
            .isThrownBy(() -> new NearCacheSettings(List.of("*"), 0)).withMessageContaining("nearCacheMaxEntries");
    }

    @Test
    void aStoreThatSendsNoInvalidationsCannotBeNearCached() {
        assertThatExceptionOfType(IllegalStateException.class)
            .isThrownBy(() -> NearCachedStore.over(new ScriptedStore(), new NearCacheSettings(List.of("*"), 10),
                    new ValueCodec(Set.of(), getClass().getClassLoader()), StoreObserver.NONE))
            .withMessageContaining("sends none");
    }

    /**
     * Readers on many threads against a writer standing for other processes (each change applied,
     * then its invalidation told, then recorded as the key's floor) and random lost/live cycles: no
     * read returns a value below the floor its key had when the read began, and no thread sees a
     * key's value go backwards.
     */
    @Test
    void randomizedReadsNeverReturnAValueOlderThanTheLastInvalidation() throws Exception {
        SeededRandom random = SeededRandom.fromSystemProperty();
        this.store.close();
        this.store = nearCached(List.of("*"), 8);
        this.source.live();
        int keys = 12;
        Map<String, Long> floors = new ConcurrentHashMap<>();
        for (int i = 0; i < keys; i++) {
            this.backing.data.put("k" + i, 0L);
            floors.put("k" + i, 0L);
        }
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                long readerSeed = random.nextLong();
                readers.add(pool.submit(() -> {
                    SeededRandom mine = new SeededRandom(readerSeed);
                    Map<String, Long> seen = new java.util.HashMap<>();
                    int reads = 0;
                    while (running.get() || reads < 2000) {
                        String key = "k" + mine.nextInt(keys);
                        long floor = floors.get(key);
                        long value = (Long) this.store.get(key);
                        assertThat(value).as("read of %s, seed %s", key, random.seed()).isGreaterThanOrEqualTo(floor);
                        assertThat(value).as("monotonic reads of %s, seed %s", key, random.seed())
                            .isGreaterThanOrEqualTo(seen.getOrDefault(key, 0L));
                        seen.put(key, value);
                        reads++;
                    }
                    return null;
                }));
            }
            long writerSeed = random.nextLong();
            Future<?> writer = pool.submit(() -> {
                SeededRandom mine = new SeededRandom(writerSeed);
                for (int i = 0; i < 20_000; i++) {
                    String key = "k" + mine.nextInt(keys);
                    long value = (Long) this.backing.data.merge(key, 1L, (a, b) -> (Long) a + (Long) b);
                    this.source.invalidated(key);
                    floors.merge(key, value, Math::max);
                    if (mine.nextInt(500) == 0) {
                        this.source.lost();
                        this.source.live();
                    }
                }
                return null;
            });
            writer.get(60, TimeUnit.SECONDS);
            running.set(false);
            for (Future<?> reader : readers) {
                reader.get(60, TimeUnit.SECONDS);
            }
        }
        catch (java.util.concurrent.ExecutionException ex) {
            throw new AssertionError("seed " + random.seed() + ": " + ex.getCause(), ex.getCause());
        }
        finally {
            running.set(false);
            pool.shutdownNow();
        }
        assertThat(this.hits.get()).as("the cache was used, seed %s", random.seed()).isPositive();
    }
}
