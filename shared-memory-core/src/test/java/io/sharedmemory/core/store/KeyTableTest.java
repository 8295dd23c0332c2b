package io.sharedmemory.core.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store's map against a HashMap model, and its optimistic reads against concurrent writers. */
class KeyTableTest {

    private final KeyTable table = new KeyTable();

    @Test
    void randomOperationsAgreeWithAHashMap() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<String, Object> model = new HashMap<>();
        // Few distinct keys, so removals cut probe runs often and every stripe grows and churns.
        for (int step = 0; step < 200_000; step++) {
            String key = "k" + random.nextInt(step < 100_000 ? 5_000 : 300);
            switch (random.nextInt(5)) {
                case 0, 1 -> assertThat(this.table.put(key, step)).as("seed %d", seed).isEqualTo(model.put(key, step));
                case 2 -> assertThat(this.table.remove(key)).as("seed %d", seed).isEqualTo(model.remove(key));
                case 3 -> {
                    Object computed = this.table.compute(key, (k, old) -> (old == null) ? "new" : null);
                    assertThat(computed).isEqualTo(model.compute(key, (k, old) -> (old == null) ? "new" : null));
                }
                default -> assertThat(this.table.get(key)).as("seed %d", seed).isEqualTo(model.get(key));
            }
        }
        assertThat(this.table.size()).isEqualTo(model.size());
        Map<String, Object> visited = new HashMap<>();
        this.table.forEach(visited::put);
        assertThat(visited).isEqualTo(model);
        for (String key : model.keySet()) {
            assertThat(this.table.get(key)).isEqualTo(model.get(key));
        }
    }

    @Test
    void computeIfPresentLeavesAbsentKeysAloneAndAThrowingFunctionChangesNothing() {
        assertThat(this.table.computeIfPresent("a", (k, old) -> "x")).isNull();
        assertThat(this.table.get("a")).isNull();
        this.table.put("a", 1);
        assertThat(this.table.computeIfPresent("a", (k, old) -> (Integer) old + 1)).isEqualTo(2);
        assertThatThrownBy(() -> this.table.compute("a", (k, old) -> {
            throw new IllegalStateException("refused");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(this.table.get("a")).isEqualTo(2);
        assertThat(this.table.computeIfPresent("a", (k, old) -> null)).isNull();
        assertThat(this.table.size()).isZero();
    }

    @Test
    void aMillionKeysGrowEveryStripeAndAllStayReachable() {
        for (int i = 0; i < 1_000_000; i++) {
            this.table.put("key:" + i, i);
        }
        assertThat(this.table.size()).isEqualTo(1_000_000);
        for (int i = 0; i < 1_000_000; i += 7) {
            assertThat(this.table.get("key:" + i)).isEqualTo(i);
        }
        for (int i = 0; i < 1_000_000; i += 2) {
            this.table.remove("key:" + i);
        }
        assertThat(this.table.size()).isEqualTo(500_000);
        assertThat(this.table.get("key:1")).isEqualTo(1);
        assertThat(this.table.get("key:2")).isNull();
    }

    /**
     * Readers of keys that never change see their values throughout, while writers grow and
     * shrink the same stripes around them (resizes and backward shifts move those keys).
     */
    @Test
    void optimisticReadersNeverMissAStableKeyWhileWritersChurnAroundIt() throws Exception {
        List<String> stable = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            stable.add("stable:" + i);
            this.table.put("stable:" + i, i);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            threads.add(new Thread(() -> {
                for (int round = 0; !stop.get(); round++) {
                    for (int i = 0; i < 20_000; i++) {
                        this.table.put("churn:" + writer + ":" + i, round);
                    }
                    for (int i = 0; i < 20_000; i++) {
                        this.table.remove("churn:" + writer + ":" + i);
                    }
                }
            }));
        }
        for (int r = 0; r < 2; r++) {
            threads.add(new Thread(() -> {
                try {
                    while (!stop.get()) {
                        for (int i = 0; i < stable.size(); i++) {
                            assertThat(this.table.get(stable.get(i))).isEqualTo(i);
                        }
                    }
                }
                catch (Throwable ex) {
                    failure.compareAndSet(null, ex);
                }
            }));
        }
        threads.forEach(Thread::start);
        Thread.sleep(2_000);
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertThat(failure.get()).isNull();
        assertThat(this.table.size()).isEqualTo(stable.size());
    }
}
