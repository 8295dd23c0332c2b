package io.sharedmemory.core.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;

/**
 * Chaos soak: a main JVM and four child JVMs under a mixed load of sets, increments and
 * publishes from several threads each, while children are killed with SIGKILL at random
 * (and started again) and main is killed and restarted once. At the end:
 * <ul>
 * <li>every set that main acknowledged is readable, per lifetime of main: a restarted main
 * starts empty by design, so acknowledgements from before the restart are checked against a
 * snapshot taken just before it, and those after it against the final state;</li>
 * <li>a killed child's acknowledged writes are still in main;</li>
 * <li>the shared counter equals the acknowledged increments, up to the calls whose outcome a
 * child could not know (failed, or in flight when it was killed), and no two increments
 * returned the same value; the restarted main's counter starts at a base far above the first
 * main's, so each result tells which main served it;</li>
 * <li>no call took longer than the request timeout (plus scheduling slack);</li>
 * <li>every subscriber that lived to the end saw each publisher's messages in order, without
 * duplicates, and every message acknowledged while it was subscribed.</li>
 * </ul>
 * Times are the machine's monotonic clock, shared by all its processes ({@link
 * SoakWorkload#machineMillis()}): a wall-clock step during the run must not move a call to the
 * other side of main's restart.
 * <p>
 * Runs {@code -Dshared-memory.soak.seconds} seconds (60 by default, the CI length);
 * {@code -Dshared-memory.soak.seed} replays a kill schedule. The figures are printed and
 * written to {@code target/soak-figures.txt}.
 */
class ChaosSoakTest {

    private static final int CHILDREN = 4;

    private static final int THREADS = 3;

    private static final long REQUEST_TIMEOUT_MILLIS = 2000;

    /**
     * The restarted main's counter starts here, so each increment's result names the main that
     * served it; the first main never counts that far.
     */
    private static final long SECOND_MAIN_BASE = 1L << 40;

    /** Room for scheduling on a loaded two-core machine; a hung call would take far longer. */
    private static final long LATENCY_SLACK_MILLIS = 1500;

    @TempDir
    Path folder;

    private final List<AgentProcess> agents = new CopyOnWriteArrayList<>();

    private final SoakLedger ledger = new SoakLedger();

    @AfterEach
    void stopAgents() {
        for (AgentProcess agent : this.agents) {
            agent.close();
        }
    }

    @Test
    void acknowledgedWorkSurvivesKilledChildrenAndARestartedMain() throws Exception {
        long seconds = Long.getLong("shared-memory.soak.seconds", 60);
        long seed = Long.getLong("shared-memory.soak.seed", System.currentTimeMillis());
        Random random = new Random(seed);
        Path socket = this.folder.resolve("soak.sock");
        long start = now();
        long end = start + seconds * 1000;
        long restartAt = start + seconds * 450;
        // The last 15% runs without kills, so the last incarnations do some work too.
        long lastKill = end - seconds * 150;

        AgentProcess main = startMain(socket, seconds, 0);
        Child[] children = new Child[CHILDREN];
        for (int i = 0; i < CHILDREN; i++) {
            children[i] = startChild(socket, i, 0);
        }

        boolean restarted = false;
        long checkpoint = -1;
        long mainKilled = -1;
        int kills = 0;
        int killsAfterRestart = 0;
        Path before = this.folder.resolve("before-restart.tsv");
        long nextKill = now() + between(random, 1500, 4000);
        while (now() < end) {
            Thread.sleep(100);
            drain(children);
            if (!restarted && now() >= restartAt) {
                checkpoint = now();
                main.call("dump " + before);
                // Messages acknowledged before the checkpoint get time to reach their subscribers.
                Thread.sleep(2000);
                main.kill9();
                mainKilled = now();
                main = startMain(socket, seconds, SECOND_MAIN_BASE);
                for (Child child : children) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> child.agent.call("available").equals("BOOL true"));
                    child.incarnation.resubscribedMillis = now();
                }
                restarted = true;
                nextKill = now() + between(random, 1500, 4000);
            }
            else if (now() >= nextKill && now() < lastKill) {
                int victim = random.nextInt(CHILDREN);
                Child old = children[victim];
                old.agent.kill9();
                old.incarnation.killed = true;
                old.agent.awaitOutputEnd();
                this.ledger.drain(old.incarnation, old.agent);
                kills++;
                killsAfterRestart += restarted ? 1 : 0;
                children[victim] = startChild(socket, victim, old.number + 1);
                nextKill = now() + between(random, 1500, 4000);
            }
        }

        for (Child child : children) {
            child.agent.call("soakstop");
        }
        for (Child child : children) {
            String[] report = child.agent.call("soakreport 1000").split(" ");
            child.incarnation.disorders = Long.parseLong(report[1]);
        }
        drain(children);
        Path after = this.folder.resolve("at-end.tsv");
        main.call("dump " + after);

        verify(new Schedule(seconds, seed, checkpoint, mainKilled, kills, killsAfterRestart), readDump(before),
                readDump(after));
    }

    private void verify(Schedule schedule, Map<String, String> before, Map<String, String> after) throws IOException {
        long checkpoint = schedule.checkpoint;
        long mainKilled = schedule.mainKilled;
        SoftAssertions softly = new SoftAssertions();

        // Sets: per lifetime of main.
        List<SoakLedger.SetAck> firstLife = this.ledger.sets((sent) -> true, (ack) -> ack < checkpoint);
        List<SoakLedger.SetAck> secondLife = this.ledger.sets((sent) -> sent > mainKilled, (ack) -> true);
        List<String> lost = new ArrayList<>();
        firstLife.stream().filter((s) -> !s.key().equals(before.get(s.key()))).forEach((s) -> lost.add("before " + s));
        secondLife.stream().filter((s) -> !s.key().equals(after.get(s.key()))).forEach((s) -> lost.add("after " + s));
        Set<String> killed = new HashSet<>();
        this.ledger.incarnations().stream().filter((i) -> i.killed).forEach((i) -> killed.add(i.tag + "."));
        long killedChildrensWrites = Stream.concat(firstLife.stream(), secondLife.stream())
                .filter((s) -> killed.contains(s.key().substring(0, s.key().indexOf('.') + 1))).count();
        long droppedByRestart = this.ledger.sets((sent) -> sent < mainKilled, (ack) -> true).stream()
                .filter((s) -> !after.containsKey(s.key())).count();
        softly.assertThat(lost).as("acknowledged writes lost").isEmpty();

        // Increments: distinct results per lifetime, and the total adds up. The result tells
        // which main served an increment; a failed one may have reached the restarted main if it
        // was sent after the checkpoint, or was in flight in a child killed after the restart.
        List<SoakLedger.IncrementAck> firstIncrements = this.ledger
                .increments((i) -> i.value() <= SECOND_MAIN_BASE);
        List<SoakLedger.IncrementAck> secondIncrements = this.ledger
                .increments((i) -> i.value() > SECOND_MAIN_BASE);
        softly.assertThat(duplicates(firstIncrements)).as("increments that returned the same value, first main")
                .isEmpty();
        softly.assertThat(duplicates(secondIncrements)).as("increments that returned the same value, second main")
                .isEmpty();
        long counterBefore = Long.parseLong(before.getOrDefault(SoakWorkload.COUNTER, "0"));
        long highestBefore = firstIncrements.stream().filter((i) -> i.ackMillis() < checkpoint)
                .mapToLong(SoakLedger.IncrementAck::value).max().orElse(0);
        softly.assertThat(counterBefore).as("counter at the checkpoint vs. increments acknowledged before it")
                .isGreaterThanOrEqualTo(highestBefore);
        long counterAfter = Long.parseLong(after.getOrDefault(SoakWorkload.COUNTER, "0")) - SECOND_MAIN_BASE;
        long inDoubt = this.ledger.failures("INC", (sent) -> sent > checkpoint)
                + (long) schedule.killsAfterRestart * THREADS;
        softly.assertThat(counterAfter).as("counter after the restart vs. acknowledged increments")
                .isGreaterThanOrEqualTo(secondIncrements.size())
                .isGreaterThanOrEqualTo(secondIncrements.stream().mapToLong(SoakLedger.IncrementAck::value).max()
                        .orElse(SECOND_MAIN_BASE) - SECOND_MAIN_BASE)
                .isLessThanOrEqualTo(secondIncrements.size() + inDoubt);
        long servedLate = secondIncrements.stream().filter((i) -> i.sentMillis() < mainKilled).count();

        // No call outlived its timeout.
        softly.assertThat(this.ledger.maxLatencyMicros() / 1000).as("slowest call (ms): " + this.ledger.slowestCall())
                .isLessThanOrEqualTo(REQUEST_TIMEOUT_MILLIS + LATENCY_SLACK_MILLIS);

        // Pub/sub: in order, once, and complete while subscribed.
        long checkedDeliveries = 0;
        List<String> missing = new ArrayList<>();
        int subscribers = 0;
        for (SoakLedger.Incarnation subscriber : this.ledger.incarnations()) {
            if (!subscriber.reported()) {
                continue;
            }
            subscribers++;
            softly.assertThat(subscriber.disorders).as(subscriber.tag + ": messages out of order or twice")
                    .isZero();
            softly.assertThat(subscriber.disorderLines).as(subscriber.tag + ": messages out of order or twice")
                    .isEmpty();
            for (SoakLedger.PublishAck message : this.ledger.publishes()) {
                if (mustHaveReceived(subscriber, message, checkpoint, mainKilled)) {
                    checkedDeliveries++;
                    BitSet seqs = subscriber.received.get(message.publisher());
                    if (seqs == null || !seqs.get(message.seq())) {
                        missing.add(subscriber.tag + " missed " + message);
                    }
                }
            }
        }
        softly.assertThat(missing).as("acknowledged messages a subscriber missed").isEmpty();

        String figures = String.join(System.lineSeparator(),
                "chaos soak: " + schedule.seconds + " s, seed " + schedule.seed + ", " + CHILDREN + " children x "
                        + THREADS + " threads",
                "  acknowledged calls: " + this.ledger.acknowledgedCalls() + " (sets " + this.ledger
                        .sets((s) -> true, (a) -> true).size() + ", increments "
                        + this.ledger.increments((i) -> true).size() + ", publishes " + this.ledger.publishes().size()
                        + ")",
                "  failed calls (while main or the connection was away): " + this.ledger.failureKinds(),
                "  kills survived: " + schedule.kills + " child kill -9, 1 main kill -9 and restart",
                "  acknowledged writes lost: " + lost.size() + " (checked " + firstLife.size()
                        + " against the first main, " + secondLife.size() + " against the restarted one, "
                        + killedChildrensWrites + " of them by children later killed)",
                "  writes dropped with the first main's memory (by design): " + droppedByRestart,
                "  counter after the restart: " + counterAfter + " = " + secondIncrements.size()
                        + " acknowledged + " + (counterAfter - secondIncrements.size()) + " of " + inDoubt
                        + " in doubt (" + servedLate + " of those acknowledged were sent before the kill)",
                "  deliveries checked: " + checkedDeliveries + " to " + subscribers + " surviving subscribers, missing "
                        + missing.size(),
                "  slowest call: " + this.ledger.maxLatencyMicros() / 1000 + " ms (request timeout "
                        + REQUEST_TIMEOUT_MILLIS + " ms)");
        System.out.println(figures);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "soak-figures.txt"), figures + System.lineSeparator());
        softly.assertAll();
    }

    /**
     * A subscriber must have every message acknowledged while its subscription was in main:
     * from its start to the checkpoint before main's restart, and from when it was connected
     * to the new main (or started) to the end.
     */
    private static boolean mustHaveReceived(SoakLedger.Incarnation subscriber, SoakLedger.PublishAck message,
            long checkpoint, long mainKilled) {
        boolean firstMain = subscriber.subscribedMillis < checkpoint && message.sentMillis() >= subscriber.subscribedMillis
                && message.ackMillis() < checkpoint;
        long since = (subscriber.subscribedMillis > mainKilled) ? subscriber.subscribedMillis
                : subscriber.resubscribedMillis;
        boolean secondMain = since > 0 && message.sentMillis() > mainKilled && message.sentMillis() >= since;
        return firstMain || secondMain;
    }

    private static List<Long> duplicates(List<SoakLedger.IncrementAck> increments) {
        Set<Long> seen = new HashSet<>();
        return increments.stream().map(SoakLedger.IncrementAck::value).filter((v) -> !seen.add(v)).toList();
    }

    private AgentProcess startMain(Path socket, long seconds, long counterBase) throws IOException {
        // Main keeps every key the soak writes; give it room for longer runs.
        AgentProcess main = AgentProcess.launch("main", socket)
                .jvmOptions("-Xmx" + (256 + 4 * seconds) + "m", "-D" + Agent.COUNTER_BASE_PROPERTY + "=" + counterBase)
                .start();
        this.agents.add(main);
        return main;
    }

    private Child startChild(Path socket, int index, int number) throws IOException {
        AgentProcess agent = AgentProcess.launch("child", socket).requestTimeoutMillis(REQUEST_TIMEOUT_MILLIS).start();
        this.agents.add(agent);
        await().atMost(Duration.ofSeconds(30)).until(() -> agent.call("available").equals("BOOL true"));
        SoakLedger.Incarnation incarnation = this.ledger.newIncarnation("c" + index + "i" + number);
        String answer = agent.call("soak " + incarnation.tag + " " + THREADS);
        if (!answer.equals("OK")) {
            throw new IllegalStateException("soak did not start: " + answer);
        }
        incarnation.subscribedMillis = now();
        return new Child(agent, incarnation, number);
    }

    private void drain(Child[] children) {
        for (Child child : children) {
            this.ledger.drain(child.incarnation, child.agent);
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

    private static long between(Random random, long from, long to) {
        return from + (long) (random.nextDouble() * (to - from));
    }

    /** The clock the children stamp their calls with ({@link SoakWorkload#machineMillis()}). */
    private static long now() {
        return SoakWorkload.machineMillis();
    }

    private record Child(AgentProcess agent, SoakLedger.Incarnation incarnation, int number) {
    }

    private record Schedule(long seconds, long seed, long checkpoint, long mainKilled, int kills,
            int killsAfterRestart) {
    }
}
