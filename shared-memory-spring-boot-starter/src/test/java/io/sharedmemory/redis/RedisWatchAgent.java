package io.sharedmemory.redis;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import io.sharedmemory.core.KeyEvent;
import io.sharedmemory.core.NotAnIntegerException;
import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.StoreObserver;
import io.sharedmemory.core.testing.SeededRandom;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.awaitility.Awaitility.await;

/**
 * A JVM in the redis role for {@link RedisWatchMultiJvmTests}: watches {@code w.*}, prints each
 * event as a line {@code EVENT type key old new}, and runs the writes it is sent on stdin
 * ({@code burst seed count}, {@code ttl key value millis}, {@code set key value}, {@code exit}),
 * answering {@code DONE} lines. Started with {@code port prefix name [lease-millis]}.
 */
public final class RedisWatchAgent {

    /** The keys a burst writes, shared by every writer so their changes interleave. */
    static final String[] KEYS = { "w.0", "w.1", "w.2", "w.3" };

    private RedisWatchAgent() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String prefix = args[1];
        String name = args[2];
        LettuceConnectionFactory factory = new LettuceConnectionFactory("127.0.0.1", port);
        factory.afterPropertiesSet();
        factory.start();
        Duration lease = (args.length > 3) ? Duration.ofMillis(Long.parseLong(args[3])) : RedisKeyValueStore.WATCH_LEASE;
        RedisKeyValueStore store = new RedisKeyValueStore(SharedMemory.builder().requestTimeout(Duration.ofSeconds(10))
                .settings(), prefix, factory, StoreObserver.NONE, lease);
        store.start();
        await().atMost(Duration.ofSeconds(60)).until(store::isAvailable);
        store.watch("w.*", (event) -> System.out.println(render(event)));
        System.out.println("READY");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split(" ");
            switch (words[0]) {
                case "burst" -> {
                    Map<String, Integer> counts = burst(store, new SeededRandom(Long.parseLong(words[1])),
                            Integer.parseInt(words[2]), name);
                    counts.forEach((key, count) -> System.out.println("WROTE " + key + " " + count));
                }
                case "ttl" -> store.set(words[1], words[2], Duration.ofMillis(Long.parseLong(words[3])));
                case "set" -> store.set(words[1], words[2]);
                case "exit" -> {
                    store.close();
                    factory.destroy();
                    System.out.println("DONE exit");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("Unknown command " + line);
            }
            System.out.println("DONE " + words[0]);
        }
    }

    /**
     * Writes {@code count} random changes to {@link #KEYS}, of every kind.
     * @return per key, how many of the writes changed it (so were events)
     */
    static Map<String, Integer> burst(RedisKeyValueStore store, SeededRandom random, int count, String name) {
        Map<String, Integer> changes = new TreeMap<>();
        for (String key : KEYS) {
            changes.put(key, 0);
        }
        for (int i = 0; i < count; i++) {
            String key = random.pick(KEYS);
            String value = "v-" + name + "-" + i;
            boolean changed = switch (random.nextInt(7)) {
                case 0 -> {
                    store.set(key, value);
                    yield true;
                }
                case 1 -> {
                    store.set(key, value, Duration.ofMinutes(10));
                    yield true;
                }
                case 2 -> {
                    String other = random.pick(KEYS);
                    if (!other.equals(key)) {
                        store.setAll(Map.of(key, value, other, value + "b"));
                        changes.merge(other, 1, Integer::sum);
                    }
                    else {
                        store.setAll(Map.of(key, value));
                    }
                    yield true;
                }
                case 3 -> store.setIfAbsent(key, value);
                case 4 -> {
                    Object current = store.get(key);
                    yield current != null && store.compareAndSet(key, current, value);
                }
                case 5 -> {
                    try {
                        store.increment(key, random.intBetween(1, 5));
                        yield true;
                    }
                    catch (NotAnIntegerException ex) {
                        yield false;
                    }
                }
                default -> store.delete(key);
            };
            if (changed) {
                changes.merge(key, 1, Integer::sum);
            }
        }
        return changes;
    }

    /** An event as one line; values as {@code S<text>}, {@code L<number>} or {@code ~} for none. */
    static String render(KeyEvent event) {
        return "EVENT " + event.type() + " " + event.key() + " " + value(event.oldValue()) + " " + value(event.newValue());
    }

    static String value(Object value) {
        if (value == null) {
            return "~";
        }
        return ((value instanceof Long) ? "L" : "S") + value;
    }
}
