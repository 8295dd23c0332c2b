package io.sharedmemory.core.it;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.internal.server.MainKeyValueStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A child whose listener blocks cannot make main grow without bound, nor hold anyone else up:
 * main cuts it off with a warning once its backlog passes the hard limit, or once it has stayed
 * over a soft limit for the soft window; it reconnects once its listener frees up; meanwhile
 * another child receives every message, in order, and its calls are served. Main's own slow
 * listener loses messages, but every one is counted.
 */
class SlowSubscriberTest {

    private static final int MAX_PENDING = 200;

    private static final int BURST = 50;

    /** 16 KiB each: 64 MiB for 4,000, far beyond socket buffers and the 4 MiB hard limit below. */
    private static final String PADDING = "x".repeat(16 * 1024);

    @TempDir
    Path folder;

    private MainKeyValueStore main;

    private AgentProcess slow;

    private AgentProcess fast;

    private LogCapture log;

    /** Starts main with these limits and a 1 MiB frame limit, then the slow and the fast child. */
    private void start(long hardBytes, long softBytes, Duration softDuration) throws Exception {
        Path socket = this.folder.resolve("slow.sock");
        this.log = LogCapture.of("io.sharedmemory.core.internal.server.ChildConnection");
        this.main = (MainKeyValueStore) SharedMemory.builder().socketPath(socket).maxPendingMessages(MAX_PENDING)
                .maxFrameSize(1024 * 1024).subscriberHardLimit(hardBytes).subscriberSoftLimit(softBytes)
                .subscriberSoftDuration(softDuration).startMain();
        this.main.set("precious", "data");
        // The slow child's own listener backlog is small too, so its socket fills quickly.
        this.slow = AgentProcess.launch("child", socket).maxPendingMessages(10).start();
        this.fast = AgentProcess.child(socket);
    }

    @AfterEach
    void stop() {
        if (this.slow != null) {
            this.slow.close();
        }
        if (this.fast != null) {
            this.fast.close();
        }
        if (this.main != null) {
            this.main.close();
        }
        if (this.log != null) {
            this.log.close();
        }
    }

    @Test
    void aBlockedSubscriberIsCutAtTheHardLimitAndReconnectsWhileAnotherGetsEverything() throws Exception {
        // A window far longer than the test: only the hard limit can cut.
        start(4L * 1024 * 1024, 1024 * 1024, Duration.ofMinutes(10));
        subscribeBoth();
        long heapBefore = usedHeapAfterGc();

        publishInBursts(4000);

        String slowPid = "pid " + this.slow.pid();
        await().atMost(Duration.ofSeconds(10)).until(() -> this.log.has("WARN", slowPid,
                "passed the hard limit of 4194304 bytes (shared-memory.subscriber-limits.hard)"));
        assertThat(this.log.has("WARN", "pid " + this.fast.pid())).as("the fast child is never cut off").isFalse();
        long retained = usedHeapAfterGc() - heapBefore;
        assertThat(retained).as("bytes main retained: at most the hard limit for the slow child, not every message")
                .isLessThan(24L * 1024 * 1024);
        assertThat(this.fast.call("get precious")).isEqualTo("VALUE java.lang.String data");
        assertThat(drain(this.fast)).as("everything, in order, once").isEqualTo(sequence(4000));

        this.slow.call("release");
        await().atMost(Duration.ofSeconds(30)).until(() -> this.main.connectedChildren() == 2
                && this.main.subscriptionCount() == 2 && this.slow.call("available").equals("BOOL true"));
        List<String> beforeTheCut = drain(this.slow);
        assertThat(beforeTheCut).as("what the slow child got before the cut is a prefix, in order")
                .isEqualTo(sequence(beforeTheCut.size()));
        this.main.publish("news", "after");
        await().atMost(Duration.ofSeconds(10)).until(() -> "MSG news after".equals(this.slow.messages().poll()));
    }

    @Test
    void aBlockedSubscriberOverTheSoftLimitIsCutWhenTheWindowRunsOut() throws Exception {
        Duration window = Duration.ofSeconds(2);
        // 400 messages of 16 KiB: 6.4 MiB, over the 1 MiB soft limit and far below the hard one.
        start(64L * 1024 * 1024, 1024 * 1024, window);
        subscribeBoth();
        long start = System.nanoTime();

        publishInBursts(400);

        String slowPid = "pid " + this.slow.pid();
        await().atMost(Duration.ofSeconds(20)).until(() -> this.log.has("WARN", slowPid,
                "stayed over the soft limit of 1048576 bytes (shared-memory.subscriber-limits.soft)",
                "shared-memory.subscriber-limits.soft-duration"));
        // Nothing was published after the flood: main's periodic check saw the window run out.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not cut before the window")
            .isGreaterThanOrEqualTo(window);
        assertThat(this.log.has("hard limit")).isFalse();
        assertThat(this.log.has("WARN", "pid " + this.fast.pid())).as("the fast child is never cut off").isFalse();
        assertThat(drain(this.fast)).as("everything, in order, once").isEqualTo(sequence(400));
        await().atMost(Duration.ofSeconds(10)).until(() -> this.main.connectedChildren() == 1);
    }

    @Test
    void mainsOwnBlockedListenerLosesMessagesButCountsEachOne() throws Exception {
        start(4L * 1024 * 1024, 1024 * 1024, Duration.ofSeconds(10));
        try (LogCapture drops = LogCapture.of("io.sharedmemory.core.internal.server.DroppedMessages")) {
            CountDownLatch gate = new CountDownLatch(1);
            List<String> received = new CopyOnWriteArrayList<>();
            this.main.subscribe("local", (message) -> {
                awaitQuietly(gate);
                received.add((String) message);
            });

            assertThat(this.fast.call("publishmany local 1000 m")).as("the publisher never waits for main's listener")
                .isEqualTo("OK");
            gate.countDown();

            await().atMost(Duration.ofSeconds(20))
                .until(() -> received.size() + this.main.droppedMessages() == 1000);
            assertThat(this.main.droppedMessages()).as("200 wait at most, so most are dropped")
                .isGreaterThanOrEqualTo(1000 - MAX_PENDING - 1);
            assertThat(received).as("what arrives is in order").isSortedAccordingTo(
                    (a, b) -> Integer.compare(Integer.parseInt(a.substring(2)), Integer.parseInt(b.substring(2))));
            assertThat(drops.has("WARN", "channel local", "shared-memory.max-pending-messages")).isTrue();
            assertThat(drops.lines()).as("rate-limited: not a line per message").hasSizeLessThan(5);
            assertThat(this.main.connectedChildren()).as("children are not affected").isEqualTo(2);
        }
    }

    private void subscribeBoth() {
        this.slow.call("subscribeslow news");
        this.fast.call("subscribeseq news");
        await().until(() -> this.main.subscriptionCount() == 2);
    }

    /** Bursts the fast child keeps up with; publishing itself never waits for the slow child. */
    private void publishInBursts(int messages) {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int sent = 0; sent < messages; sent += BURST) {
                for (int i = sent; i < sent + BURST; i++) {
                    this.main.publish("news", i + ":" + PADDING);
                }
                int expected = sent + BURST;
                await().atMost(Duration.ofSeconds(20)).until(() -> this.fast.messages().size() >= expected);
            }
        });
    }

    /** The sequence numbers a child printed, in arrival order; a slow child prints whole messages. */
    private static List<String> drain(AgentProcess agent) {
        List<String> seqs = new ArrayList<>();
        String line;
        while ((line = agent.messages().poll()) != null) {
            seqs.add(line.substring("MSG news ".length()).split(":", 2)[0]);
        }
        return seqs;
    }

    private static List<String> sequence(int count) {
        List<String> seqs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            seqs.add(Integer.toString(i));
        }
        return seqs;
    }

    private static void awaitQuietly(CountDownLatch gate) {
        try {
            gate.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
