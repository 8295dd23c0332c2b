package io.sharedmemory.core.it;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import io.sharedmemory.core.KeyValueStore;

/**
 * Random writes of every kind that changes a key, on a few shared keys, for the watch tests: each
 * value is unique ({@code tag-i}), so a watcher's chain of old and new values can be checked.
 */
final class WatchWorkload {

    private WatchWorkload() {
    }

    /**
     * Runs the writes.
     * @param store the store
     * @param seed the seed of this process's writes
     * @param count how many writes
     * @param keys how many keys ({@code w.0} …), plus as many with short time to live ({@code w.t0} …)
     * @param tag makes the values unique to this process
     * @return how many writes were made
     */
    static int run(KeyValueStore store, long seed, int count, int keys, String tag) {
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            String key = "w." + random.nextInt(keys);
            String value = tag + "-" + i;
            switch (random.nextInt(7)) {
                case 0, 1 -> store.set(key, value);
                case 2 -> store.setIfAbsent(key, value);
                case 3 -> {
                    Object current = store.get(key);
                    if (current != null) {
                        store.compareAndSet(key, current, value);
                    }
                }
                case 4 -> store.delete(key);
                case 5 -> {
                    Map<String, Object> entries = new LinkedHashMap<>();
                    entries.put(key, value);
                    entries.put("w." + random.nextInt(keys), value + "b");
                    store.setAll(entries);
                }
                default -> store.set("w.t" + random.nextInt(keys), value, Duration.ofMillis(1 + random.nextInt(30)));
            }
        }
        return count;
    }
}
