package io.sharedmemory.core.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.Subscription;
import io.sharedmemory.core.testing.SeededRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Main and two child JVMs all watch the same keys; writes of every kind come from all three
 * processes, plus a TTL running out. Every watcher sees exactly the same sequence of changes, with
 * the right old and new values decoded in its own process, and nothing for writes that changed
 * nothing or keys it does not watch.
 */
class WatchAcrossProcessesTest {

    @TempDir
    Path folder;

    private SharedMemoryStore main;

    private AgentProcess first;

    private AgentProcess second;

    @BeforeEach
    void start() throws Exception {
        Path socket = this.folder.resolve("watch.sock");
        this.main = SharedMemory.builder().socketPath(socket).startMain();
        this.first = AgentProcess.child(socket);
        this.second = AgentProcess.child(socket);
    }

    @AfterEach
    void stop() {
        this.first.close();
        this.second.close();
        this.main.close();
    }

    @Test
    void everyWatcherSeesEveryChangeFromEveryProcessWithOldAndNewValues() {
        List<String> inMain = new CopyOnWriteArrayList<>();
        Subscription watch = this.main.watch("w.*", (event) -> inMain.add("KEV " + event.type() + " " + event.key()
                + " " + Agent.shown(event.oldValue()) + " " + Agent.shown(event.newValue())));
        assertThat(this.first.call("watch w.*")).isEqualTo("OK");
        assertThat(this.second.call("watch w.*")).isEqualTo("OK");

        List<String> expected = new ArrayList<>();
        this.main.set("w.a", "1");
        expected.add("KEV SET w.a null '1'");
        assertThat(this.first.call("set w.a 2")).isEqualTo("OK");
        expected.add("KEV SET w.a '1' '2'");
        assertThat(this.second.call("setifabsent w.b x")).isEqualTo("BOOL true");
        expected.add("KEV SET w.b null 'x'");
        assertThat(this.second.call("setifabsent w.b y")).isEqualTo("BOOL false");
        assertThat(this.first.call("cas w.a 2 3")).isEqualTo("BOOL true");
        expected.add("KEV SET w.a '2' '3'");
        assertThat(this.first.call("cas w.a 9 4")).isEqualTo("BOOL false");
        assertThat(this.second.call("incr w.n 5")).isEqualTo("LONG 5");
        expected.add("KEV SET w.n null 5L");
        assertThat(this.main.increment("w.n", 2)).isEqualTo(7);
        expected.add("KEV SET w.n 5L 7L");
        assertThat(this.first.call("setall w.a 4 w.b z")).isEqualTo("OK");
        expected.add("KEV SET w.a '3' '4'");
        expected.add("KEV SET w.b 'x' 'z'");
        assertThat(this.main.delete("w.b")).isTrue();
        expected.add("KEV DELETE w.b 'z' null");
        assertThat(this.first.call("delete w.b")).isEqualTo("BOOL false");
        this.main.set("other", "unwatched");
        assertThat(this.second.call("set other again")).isEqualTo("OK");
        assertThat(this.second.call("setttl w.t v 200")).isEqualTo("OK");
        expected.add("KEV SET w.t null 'v'");
        expected.add("KEV EXPIRE w.t 'v' null");

        Duration patience = Duration.ofSeconds(20);
        await().atMost(patience).until(() -> inMain.size() >= expected.size());
        await().atMost(patience).until(() -> this.first.messages().size() >= expected.size());
        await().atMost(patience).until(() -> this.second.messages().size() >= expected.size());
        // Sequential writes: one order for all keys, so each watcher's whole sequence is known.
        assertThat(inMain).containsExactlyElementsOf(expected);
        assertThat(new ArrayList<>(this.first.messages())).containsExactlyElementsOf(prefixed(expected));
        assertThat(new ArrayList<>(this.second.messages())).containsExactlyElementsOf(prefixed(expected));

        // A change after main's watch closed reaches the children only.
        watch.close();
        this.main.set("w.a", "5");
        await().atMost(patience).until(() -> this.first.messages().size() > expected.size()
                && this.second.messages().size() > expected.size());
        assertThat(inMain).hasSize(expected.size());
    }

    @Test
    void concurrentWritersInThreeProcessesLeaveEveryWatcherWithTheSameChainOfChangesPerKey() {
        SeededRandom random = SeededRandom.fromSystemProperty();
        long seed = random.seed();
        List<String> inMain = new CopyOnWriteArrayList<>();
        this.main.watch("w.*", (event) -> inMain.add("KEV " + event.type() + " " + event.key() + " "
                + Agent.shown(event.oldValue()) + " " + Agent.shown(event.newValue())));
        this.first.call("watch w.*");
        this.second.call("watch w.*");

        long firstSeed = random.nextLong();
        long secondSeed = random.nextLong();
        CompletableFuture<String> firstWrites = CompletableFuture.supplyAsync(
                () -> this.first.call("randomwrites " + firstSeed + " 400 6 c1"));
        CompletableFuture<String> secondWrites = CompletableFuture.supplyAsync(
                () -> this.second.call("randomwrites " + secondSeed + " 400 6 c2"));
        WatchWorkload.run(this.main, random.nextLong(), 400, 6, "m");
        assertThat(firstWrites.join()).as("seed %d", seed).isEqualTo("WROTE 400");
        assertThat(secondWrites.join()).as("seed %d", seed).isEqualTo("WROTE 400");

        // Done once every watcher's replay of its events gives main's store (expiries included).
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<String, String> store = new HashMap<>();
            this.main.getAll().forEach((key, value) -> {
                if (key.startsWith("w.")) {
                    store.put(key, Agent.shown(value));
                }
            });
            return replay(inMain).equals(store) && replay(strip(this.first)).equals(store)
                    && replay(strip(this.second)).equals(store);
        });
        Map<String, List<String>> perKey = byKey(inMain);
        assertThat(byKey(strip(this.first))).as("seed %d", seed).isEqualTo(perKey);
        assertThat(byKey(strip(this.second))).as("seed %d", seed).isEqualTo(perKey);
        perKey.forEach((key, events) -> {
            String current = "null";
            for (String event : events) {
                String[] parts = event.split(" ");
                assertThat(parts[3]).as("seed %d, key %s: %s follows a change to %s", seed, key, event, current)
                        .isEqualTo(current);
                current = parts[4];
            }
        });
        assertThat(inMain.size()).as("seed %d", seed).isGreaterThan(600);
    }

    private static List<String> strip(AgentProcess agent) {
        return agent.messages().stream().map((line) -> line.substring("MSG ".length())).toList();
    }

    /** Each key's events, in order. */
    private static Map<String, List<String>> byKey(List<String> events) {
        Map<String, List<String>> perKey = new LinkedHashMap<>();
        for (String event : events) {
            perKey.computeIfAbsent(event.split(" ")[2], (key) -> new ArrayList<>()).add(event);
        }
        return perKey;
    }

    /** The store the events describe: each key's last new value, absent after DELETE or EXPIRE. */
    private static Map<String, String> replay(List<String> events) {
        Map<String, String> store = new HashMap<>();
        for (String event : List.copyOf(events)) {
            String[] parts = event.split(" ");
            if (Objects.equals(parts[4], "null")) {
                store.remove(parts[2]);
            }
            else {
                store.put(parts[2], parts[4]);
            }
        }
        return store;
    }

    private static List<String> prefixed(List<String> lines) {
        return lines.stream().map((line) -> "MSG " + line).toList();
    }
}
