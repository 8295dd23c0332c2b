package io.sharedmemory.core.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sharedmemory.core.testing.SeededRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Restart soak: a main that persists to a directory is killed with {@code kill -9} at random
 * under the chaos soak's load ({@link SoakWorkload}: sets of unique keys, increments, publishes
 * from child JVMs) and started again on the same directory, several times. At the end, every
 * set a child saw acknowledged must be in the last main:
 * <ul>
 * <li>{@code fsync=always}: none lost across every restart, and no two increments ever
 * returned the same value (the counter never went back);</li>
 * <li>{@code fsync=everysec}: a {@code kill -9} leaves what main had written in the page
 * cache, so only what was still in its buffer can be lost; each lost write must have been
 * acknowledged within {@link #EVERYSEC_LOSS_WINDOW_MILLIS} before a kill, and the losses are
 * reported.</li>
 * </ul>
 * Each policy's run kills main {@code -Dshared-memory.restart-soak.kills} times (3 by default,
 * about ten seconds for {@code mvn verify}; raise it for a longer run), each after
 * {@link #MIN_LIFE_MILLIS} to {@link #MAX_LIFE_MILLIS} of load; the seed
 * ({@code -Dshared-memory.test.seed}) replays a kill schedule.
 * Figures go to {@code target/restart-soak-figures.txt}.
 */
class PersistentRestartSoakTest {

    private static final int CHILDREN = 3;

    private static final int THREADS = 3;

    private static final long REQUEST_TIMEOUT_MILLIS = 2000;

    /** everysec's second, plus the scheduling slack of a loaded two-core machine. */
    private static final long EVERYSEC_LOSS_WINDOW_MILLIS = 2500;

    /** How long each main lives under load before its kill: long enough for thousands of writes. */
    private static final long MIN_LIFE_MILLIS = 1000;

    private static final long MAX_LIFE_MILLIS = 2500;

    @TempDir
    Path folder;

    private final List<AgentProcess> agents = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopAgents() {
        for (AgentProcess agent : this.agents) {
            agent.close();
        }
    }

    @Test
    void fsyncAlwaysLosesNoAcknowledgedWriteAcrossKilledMains() throws Exception {
        Run run = soak("always");
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(run.lost).as("acknowledged writes lost with fsync=always").isEmpty();
        List<Long> values = run.ledger.increments((i) -> true).stream().map(SoakLedger.IncrementAck::value).toList();
        Set<Long> seen = new HashSet<>();
        softly.assertThat(values.stream().filter((v) -> !seen.add(v)).toList())
                .as("increments that returned the same value (the counter went back)").isEmpty();
        long counter = Long.parseLong(run.dump.getOrDefault(SoakWorkload.COUNTER, "0"));
        softly.assertThat(counter).as("final counter vs. the highest acknowledged increment")
                .isGreaterThanOrEqualTo(values.stream().mapToLong(Long::longValue).max().orElse(0));
        softly.assertAll();
    }

    @Test
    void fsyncEverysecLosesOnlyWritesAcknowledgedJustBeforeAKill() throws Exception {
        Run run = soak("everysec");
        List<String> outsideWindow = new ArrayList<>();
        for (SoakLedger.SetAck lost : run.lost) {
            boolean nearAKill = run.kills.stream().anyMatch((kill) -> lost.ackMillis() <= kill
                    && kill - lost.ackMillis() <= EVERYSEC_LOSS_WINDOW_MILLIS);
            if (!nearAKill) {
                outsideWindow.add(lost.toString());
            }
        }
        assertThat(outsideWindow).as("lost writes acknowledged long before any kill").isEmpty();
    }

    private Run soak(String fsync) throws Exception {
        int killCount = Integer.getInteger("shared-memory.restart-soak.kills", 3);
        SeededRandom random = SeededRandom.fromSystemProperty();
        Path socket = this.folder.resolve("restart.sock");
        Path data = this.folder.resolve("data");
        SoakLedger ledger = new SoakLedger();
        List<Long> kills = new ArrayList<>();
        try {
            AgentProcess main = startMain(socket, data, fsync);
            List<Child> children = new ArrayList<>();
            for (int i = 0; i < CHILDREN; i++) {
                children.add(startChild(socket, ledger, "c" + i));
            }
            long start = now();
            // The last main lives like the others, so writes after the last restart are checked too.
            while (kills.size() <= killCount) {
                long dies = now() + between(random, MIN_LIFE_MILLIS, MAX_LIFE_MILLIS);
                while (now() < dies) {
                    Thread.sleep(100);
                    drain(children, ledger);
                }
                if (kills.size() == killCount) {
                    break;
                }
                main.kill9();
                kills.add(now());
                main = startMain(socket, data, fsync);
            }
            long seconds = (now() - start) / 1000;
            for (Child child : children) {
                await().atMost(Duration.ofSeconds(30)).until(() -> child.agent.call("available").equals("BOOL true"));
                child.agent.call("soakstop");
            }
            drain(children, ledger);
            Path dumpFile = this.folder.resolve("at-end-" + fsync + ".tsv");
            main.call("dump " + dumpFile);
            Map<String, String> dump = readDump(dumpFile);
            List<SoakLedger.SetAck> acknowledged = ledger.sets((sent) -> true, (ack) -> true);
            List<SoakLedger.SetAck> lost = acknowledged.stream().filter((s) -> !s.key().equals(dump.get(s.key())))
                    .toList();
            String figures = String.join(System.lineSeparator(),
                    "restart soak, fsync=" + fsync + ": " + seconds + " s, seed " + random.seed() + ", " + CHILDREN
                            + " children x " + THREADS + " threads, " + kills.size() + " main kill -9 and restarts",
                    "  acknowledged sets: " + acknowledged.size() + ", increments "
                            + ledger.increments((i) -> true).size() + ", failed calls (main away): "
                            + ledger.failureKinds(),
                    "  acknowledged sets lost: " + lost.size() + lossWindow(lost, kills),
                    "  slowest call: " + ledger.maxLatencyMicros() / 1000 + " ms");
            System.out.println(figures);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "restart-soak-figures.txt"), figures + System.lineSeparator(),
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            assertThat(acknowledged).as("the load did run").isNotEmpty();
            return new Run(ledger, dump, lost, kills);
        }
        catch (AssertionError | RuntimeException ex) {
            throw new AssertionError("seed " + random.seed() + " (-D" + SeededRandom.SEED_PROPERTY + ")", ex);
        }
    }

    /** How long before the next kill the lost writes were acknowledged, at most. */
    private static String lossWindow(List<SoakLedger.SetAck> lost, List<Long> kills) {
        long widest = -1;
        for (SoakLedger.SetAck set : lost) {
            long before = kills.stream().filter((kill) -> kill >= set.ackMillis()).mapToLong((kill) -> kill - set.ackMillis())
                    .min().orElse(Long.MAX_VALUE);
            widest = Math.max(widest, before);
        }
        return (widest < 0) ? "" : " (acknowledged at most " + widest + " ms before a kill)";
    }

    private AgentProcess startMain(Path socket, Path data, String fsync) throws IOException {
        AgentProcess main = AgentProcess.launch("main", socket)
                .jvmOptions("-Xmx256m", "-D" + Agent.PERSISTENCE_MODE_PROPERTY + "=log",
                        "-D" + Agent.PERSISTENCE_DIRECTORY_PROPERTY + "=" + data, "-D" + Agent.FSYNC_PROPERTY + "=" + fsync)
                .start();
        this.agents.add(main);
        return main;
    }

    private Child startChild(Path socket, SoakLedger ledger, String tag) throws IOException {
        AgentProcess agent = AgentProcess.launch("child", socket).requestTimeoutMillis(REQUEST_TIMEOUT_MILLIS).start();
        this.agents.add(agent);
        await().atMost(Duration.ofSeconds(30)).until(() -> agent.call("available").equals("BOOL true"));
        SoakLedger.Incarnation incarnation = ledger.newIncarnation(tag);
        assertThat(agent.call("soak " + tag + " " + THREADS)).isEqualTo("OK");
        return new Child(agent, incarnation);
    }

    private static void drain(List<Child> children, SoakLedger ledger) {
        for (Child child : children) {
            ledger.drain(child.incarnation, child.agent);
        }
    }

    private static Map<String, String> readDump(Path file) throws IOException {
        Map<String, String> entries = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            entries.put(line.substring(0, tab), line.substring(tab + 1));
        }
        return entries;
    }

    private static long between(SeededRandom random, long from, long to) {
        return from + (long) (random.nextDouble() * (to - from));
    }

    private static long now() {
        return SoakWorkload.machineMillis();
    }

    private record Child(AgentProcess agent, SoakLedger.Incarnation incarnation) {
    }

    private record Run(SoakLedger ledger, Map<String, String> dump, List<SoakLedger.SetAck> lost, List<Long> kills) {
    }
}
