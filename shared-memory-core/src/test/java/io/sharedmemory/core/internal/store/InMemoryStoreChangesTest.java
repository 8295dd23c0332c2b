package io.sharedmemory.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.sharedmemory.core.KeyEvent;
import io.sharedmemory.core.KeyEvent.Type;
import io.sharedmemory.core.internal.codec.ValueCodec;
import io.sharedmemory.core.testing.SeededRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What {@link InMemoryStore} tells its {@link ChangeListener}s, and in which order. */
class InMemoryStoreChangesTest {

    final ValueCodec codec = new ValueCodec(List.of(), null);
    final ManualTicker ticker = new ManualTicker();
    final InMemoryStore store = new InMemoryStore(codec, ticker);
    final List<KeyEvent> events = Collections.synchronizedList(new ArrayList<>());
    final List<Long> ttls = Collections.synchronizedList(new ArrayList<>());

    InMemoryStoreChangesTest() {
        store.addChangeListener((type, key, oldBytes, newBytes, ttlNanos) -> {
            events.add(new KeyEvent(type, key, decode(oldBytes), decode(newBytes)));
            ttls.add(ttlNanos);
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    Object decode(byte[] bytes) {
        return bytes == null ? null : codec.decode(bytes);
    }

    StoredValue value(Object v) {
        return StoredValue.of(codec.encode(v), v);
    }

    @Test
    void everyWriteThatStoresIsASetWithItsOldAndNewValue() {
        store.set("k", value("a"), 0);
        store.set("k", value("b"), 0);
        assertThat(store.setIfAbsent("k", value("lost"), 0)).isFalse();
        assertThat(store.setIfAbsent("n", value(1L), 0)).isTrue();
        assertThat(store.compareAndSet("k", codec.encode("zzz"), value("lost"))).isFalse();
        assertThat(store.compareAndSet("k", codec.encode("b"), value("c"))).isTrue();
        store.increment("n", 2);
        store.increment("fresh", 5);
        assertThat(events).containsExactly(
                new KeyEvent(Type.SET, "k", null, "a"),
                new KeyEvent(Type.SET, "k", "a", "b"),
                new KeyEvent(Type.SET, "n", null, 1L),
                new KeyEvent(Type.SET, "k", "b", "c"),
                new KeyEvent(Type.SET, "n", 1L, 3L),
                new KeyEvent(Type.SET, "fresh", null, 5L));
        assertThat(ttls).containsOnly(0L);
    }

    @Test
    void aBatchIsOneSetPerEntry() {
        store.set("a", value(1), 0);
        Map<String, StoredValue> batch = new LinkedHashMap<>();
        batch.put("a", value(2));
        batch.put("b", value(3));
        store.setMany(batch);
        assertThat(events).containsExactly(
                new KeyEvent(Type.SET, "a", null, 1),
                new KeyEvent(Type.SET, "a", 1, 2),
                new KeyEvent(Type.SET, "b", null, 3));
    }

    @Test
    void deletingAPresentKeyIsADeleteAndAnAbsentOneIsNothing() {
        store.set("k", value("v"), 0);
        assertThat(store.delete("k")).isTrue();
        assertThat(store.delete("k")).isFalse();
        assertThat(events).containsExactly(new KeyEvent(Type.SET, "k", null, "v"),
                new KeyEvent(Type.DELETE, "k", "v", null));
    }

    @Test
    void aSetWithATimeToLiveCarriesWhatIsLeftOfIt() {
        store.set("k", value("v"), 1_500);
        store.increment("n", 1);
        assertThat(ttls.get(0)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(1_500));
        store.set("c", value(1L), 1_000);
        ticker.advance(Duration.ofMillis(400));
        store.increment("c", 1);
        assertThat(ttls.get(3)).as("an increment keeps the deadline").isEqualTo(TimeUnit.MILLISECONDS.toNanos(600));
    }

    @Test
    void aTimeToLiveRunningOutIsAnExpire() {
        store.set("k", value("v"), 100);
        ticker.advance(Duration.ofMillis(101));
        assertThat(store.size()).isZero();
        assertThat(events).containsExactly(new KeyEvent(Type.SET, "k", null, "v"),
                new KeyEvent(Type.EXPIRE, "k", "v", null));
    }

    @Test
    void aWriteOverAnExpiredKeyTellsTheExpiryFirstAndHasNoOldValue() {
        store.set("k", value("v"), 100);
        store.set("d", value("w"), 100);
        ticker.advance(Duration.ofMillis(101));
        store.set("k", value("new"), 0);
        assertThat(store.delete("d")).isFalse();
        assertThat(events).containsExactly(
                new KeyEvent(Type.SET, "k", null, "v"),
                new KeyEvent(Type.SET, "d", null, "w"),
                new KeyEvent(Type.EXPIRE, "k", "v", null),
                new KeyEvent(Type.SET, "k", null, "new"),
                new KeyEvent(Type.EXPIRE, "d", "w", null));
    }

    @Test
    void aRemovedListenerHearsNothingMore() {
        List<Type> heard = new ArrayList<>();
        Runnable remove = store.addChangeListener((type, key, o, n, t) -> heard.add(type));
        store.set("k", value(1), 0);
        remove.run();
        remove.run();
        store.set("k", value(2), 0);
        assertThat(heard).containsExactly(Type.SET);
        assertThat(events).hasSize(2);
    }

    /**
     * Writers race on a few keys with every kind of write; per key, each event's old value must
     * be the previous event's new value, and the last event's value what the store holds.
     */
    @Test
    void perKeyTheEventsFormOneChainInTheOrderApplied() throws Exception {
        SeededRandom seeds = SeededRandom.fromSystemProperty();
        long seed = seeds.seed();
        String[] keys = {"a", "b", "c"};
        Map<String, List<KeyEvent>> byKey = new ConcurrentHashMap<>();
        store.addChangeListener((type, key, o, n, t) -> byKey.computeIfAbsent(key, k -> new ArrayList<>())
                .add(new KeyEvent(type, key, decode(o), decode(n))));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                java.util.Random random = new java.util.Random(seed + w);
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        String key = keys[random.nextInt(keys.length)];
                        switch (random.nextInt(5)) {
                            case 0 -> store.set(key, value((long) random.nextInt(100)), 0);
                            case 1 -> store.delete(key);
                            case 2 -> store.setIfAbsent(key, value(7L), 0);
                            case 3 -> store.compareAndSet(key, codec.encode(7L), value(8L));
                            default -> store.increment(key, 1);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (String key : keys) {
            Object previous = null;
            // Lists are appended inside the key's map operation, so per key they are not raced.
            for (KeyEvent event : byKey.getOrDefault(key, List.of())) {
                assertThat(event.oldValue()).as("seed %d, key %s: %s", seed, key, event).isEqualTo(previous);
                previous = event.newValue();
            }
            StoredValue held = store.get(key);
            assertThat(held == null ? null : codec.decode(held.bytes())).as("seed %d, key %s", seed, key)
                    .isEqualTo(previous);
        }
    }
}
