package io.sharedmemory.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.testing.SeededRandom;
import io.sharedmemory.spring.ApplicationCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three JVMs in the redis role (this one and two {@link RedisWatchAgent}s) all watch {@code w.*}
 * and all write the same keys at once, with every kind of write, then one lets a time to live run
 * out: every watcher sees the same sequence per key, as long as the writes that changed it,
 * each event's old value the previous one's new value, and the last one agreeing with Redis.
 */
class RedisWatchMultiJvmTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final int WRITES = 150;

    private final List<Agent> agents = new ArrayList<>();

    private TestRedisServer redis;

    private LettuceConnectionFactory factory;

    private RedisKeyValueStore store;

    @AfterEach
    void stop() {
        this.agents.forEach(Agent::close);
        if (this.store != null) {
            this.store.close();
        }
        if (this.factory != null) {
            this.factory.destroy();
        }
        if (this.redis != null) {
            this.redis.close();
        }
    }

    @Test
    void everyWatcherInEveryJvmSeesTheSameChangesPerKeyWithTheirOldAndNewValues() throws Exception {
        SeededRandom random = SeededRandom.fromSystemProperty();
        long seed = random.seed();
        this.redis = TestRedisServer.start();
        String prefix = "multi-" + UUID.randomUUID() + ":";
        this.agents.add(Agent.start(this.redis.port(), prefix, "a"));
        this.agents.add(Agent.start(this.redis.port(), prefix, "b"));
        this.factory = this.redis.connectionFactory();
        this.store = new RedisKeyValueStore(SharedMemory.builder().requestTimeout(Duration.ofSeconds(10)).settings(),
                prefix, this.factory);
        this.store.start();
        await().atMost(WAIT).until(this.store::isAvailable);
        List<String> local = new CopyOnWriteArrayList<>();
        this.store.watch("w.*", (event) -> local.add(RedisWatchAgent.render(event)));
        for (Agent agent : this.agents) {
            agent.await("READY");
        }

        // All three write the same keys at once.
        for (int i = 0; i < this.agents.size(); i++) {
            this.agents.get(i).send("burst " + (seed + i + 1) + " " + WRITES);
        }
        Map<String, Integer> expected = new HashMap<>(RedisWatchAgent.burst(this.store, new SeededRandom(seed), WRITES,
                "main"));
        for (Agent agent : this.agents) {
            agent.await("DONE burst");
            agent.lines.stream().filter((line) -> line.startsWith("WROTE ")).map((line) -> line.split(" "))
                .forEach((words) -> expected.merge(words[1], Integer.parseInt(words[2]), Integer::sum));
        }
        this.agents.get(0).send("ttl w.ttl gone 200");
        this.agents.get(0).await("DONE ttl");
        for (int i = 0; i < this.agents.size(); i++) {
            this.agents.get(i).send("set w.end." + i + " done");
        }
        this.store.set("w.end.main", "done");

        List<List<String>> watchers = new ArrayList<>();
        watchers.add(local);
        this.agents.forEach((agent) -> watchers.add(agent.events()));
        String context = "seed " + seed + " (replay with -D" + SeededRandom.SEED_PROPERTY + "=" + seed + ")";
        for (List<String> events : watchers) {
            await().atMost(WAIT).alias(context).until(() -> events.contains("EVENT EXPIRE w.ttl ~ ~")
                    && events.stream().filter((line) -> line.contains(" w.end.")).count() == 3);
        }
        Map<String, List<String>> first = perKey(watchers.get(0));
        for (String key : RedisWatchAgent.KEYS) {
            List<String> sequence = first.getOrDefault(key, List.of());
            assertThat(sequence).as(context + ": events of " + key).hasSize(expected.get(key));
            assertChained(key, sequence, context);
            for (List<String> other : watchers.subList(1, watchers.size())) {
                assertThat(perKey(other).getOrDefault(key, List.of())).as(context + ": same events of " + key)
                    .isEqualTo(sequence);
            }
        }
        for (List<String> events : watchers) {
            assertThat(perKey(events).get("w.ttl")).containsExactly("EVENT SET w.ttl ~ Sgone", "EVENT EXPIRE w.ttl ~ ~");
        }
    }

    /**
     * A watcher JVM killed while watching (no chance to end its registration) keeps the other
     * processes' writes on the scripts only until its lease runs out (1 s here).
     */
    @Test
    void aWatcherKilledWhileWatchingLeavesTheScriptsOnlyForItsLease() throws Exception {
        this.redis = TestRedisServer.start();
        String prefix = "killed-" + UUID.randomUUID() + ":";
        Agent watcher = Agent.start(this.redis.port(), prefix, "doomed", 1000);
        this.agents.add(watcher);
        this.factory = this.redis.connectionFactory();
        this.store = new RedisKeyValueStore(SharedMemory.builder().requestTimeout(Duration.ofSeconds(10)).settings(),
                prefix, this.factory);
        this.store.start();
        await().atMost(WAIT).until(this.store::isAvailable);
        watcher.await("READY");
        await().atMost(WAIT).until(() -> !this.store.writesArePlain());
        // Renewed every third of its lease, the live watcher keeps this store on the scripts.
        await().atMost(WAIT).during(Duration.ofMillis(2500)).until(() -> {
            this.store.set("w.live", "x");
            return !this.store.writesArePlain();
        });
        watcher.kill();
        await().atMost(WAIT).until(() -> {
            this.store.set("w.after", "y");
            return this.store.writesArePlain();
        });
        // A process that connects now reads no watcher either.
        try (RedisKeyValueStore late = new RedisKeyValueStore(SharedMemory.builder().settings(), prefix, this.factory)) {
            late.start();
            await().atMost(WAIT).until(late::isAvailable);
            assertThat(late.writesArePlain()).isTrue();
        }
    }

    /** Each event starts from where the one before left the key; the last one is what Redis holds. */
    private void assertChained(String key, List<String> sequence, String context) {
        String current = "~";
        for (String line : sequence) {
            String[] words = line.split(" ");
            assertThat(words[3]).as(context + ": old value in " + line + " after " + current).isEqualTo(current);
            current = words[4];
        }
        assertThat(RedisWatchAgent.value(this.store.get(key))).as(context + ": " + key + " in Redis").isEqualTo(current);
    }

    private static Map<String, List<String>> perKey(List<String> events) {
        return events.stream().collect(Collectors.groupingBy((line) -> line.split(" ")[2], Collectors.toList()));
    }

    /** A {@link RedisWatchAgent} JVM: commands on stdin, lines from stdout. */
    private static final class Agent {

        private final Process process;

        private final Writer stdin;

        private final List<String> lines = new CopyOnWriteArrayList<>();

        private Agent(Process process) {
            this.process = process;
            this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(this::read, "watch-agent-output-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        static Agent start(int port, String prefix, String name) throws IOException {
            return start(port, prefix, name, RedisKeyValueStore.WATCH_LEASE.toMillis());
        }

        static Agent start(int port, String prefix, String name, long leaseMillis) throws IOException {
            return new Agent(new ProcessBuilder(ApplicationCommand.javaExecutable(), "-Xmx128m",
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    RedisWatchAgent.class.getName(), Integer.toString(port), prefix, name, Long.toString(leaseMillis))
                .redirectErrorStream(true).start());
        }

        /** Kills the JVM at once, as a crash would: it cannot end its registration. */
        void kill() throws InterruptedException {
            this.process.destroyForcibly();
            this.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }

        void send(String command) throws IOException {
            this.stdin.write(command + "\n");
            this.stdin.flush();
        }

        void await(String line) {
            org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                List<String> said = this.lines.stream().filter((each) -> !each.startsWith("EVENT")).toList();
                assertThat(this.process.isAlive() || said.contains(line)).as("agent alive: " + said).isTrue();
                assertThat(said).as("agent output").contains(line);
            });
        }

        List<String> events() {
            return new EventView(this.lines);
        }

        private void read() {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(this.process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    this.lines.add(line);
                }
            }
            catch (IOException ex) {
                // The agent was stopped.
            }
        }

        void close() {
            if (!this.process.isAlive()) {
                return;
            }
            try {
                send("exit");
                if (!this.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    this.process.destroyForcibly();
                }
            }
            catch (IOException | InterruptedException ex) {
                this.process.destroyForcibly();
            }
        }
    }

    /** The EVENT lines of an agent's output, read live. */
    private static final class EventView extends java.util.AbstractList<String> {

        private final List<String> lines;

        EventView(List<String> lines) {
            this.lines = lines;
        }

        private List<String> snapshot() {
            return this.lines.stream().filter((line) -> line.startsWith("EVENT ")).toList();
        }

        @Override
        public String get(int index) {
            return snapshot().get(index);
        }

        @Override
        public int size() {
            return snapshot().size();
        }

        @Override
        public java.util.stream.Stream<String> stream() {
            return snapshot().stream();
        }

        @Override
        public boolean contains(Object o) {
            return snapshot().contains(o);
        }
    }
}
