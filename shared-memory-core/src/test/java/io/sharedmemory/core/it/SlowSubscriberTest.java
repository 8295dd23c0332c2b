package io.sharedmemory.core.it;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.server.MainKeyValueStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A child whose listener blocks cannot make main grow without bound, nor hold anyone else up:
 * main keeps at most {@code max-pending-messages} messages for it, then cuts it off with a
 * warning; it reconnects once its listener frees up; meanwhile another child receives every
 * message, in order, and its calls are served.
 */
class SlowSubscriberTest {

    private static final int MAX_PENDING = 200;

    private static final int MESSAGES = 4000;

    private static final int BURST = 50;

    /** 16 KiB each: 64 MiB in all, far beyond socket buffers and main's queue for one child (3 MiB). */
    private static final String PADDING = "x".repeat(16 * 1024);

    @TempDir
    Path folder;

    private MainKeyValueStore main;

    private AgentProcess slow;

    private AgentProcess fast;

    private LogCapture log;

    @BeforeEach
    void start() throws Exception {
        Path socket = this.folder.resolve("slow.sock");
        this.log = LogCapture.of("io.sharedmemory.core.server.ChildConnection");
        this.main = (MainKeyValueStore) SharedMemory.builder().socketPath(socket).maxPendingMessages(MAX_PENDING)
                .startMain();
        this.main.set("precious", "data");
        // The slow child's own listener backlog is small too, so its socket fills quickly.
        this.slow = AgentProcess.launch("child", socket).maxPendingMessages(10).start();
        this.fast = AgentProcess.child(socket);
    }

    @AfterEach
    void stop() {
        this.slow.close();
        this.fast.close();
        this.main.close();
        this.log.close();
    }

    @Test
    void aBlockedSubscriberIsCutOffAndReconnectsWhileAnotherGetsEverything() {
        this.slow.call("subscribeslow news");
        this.fast.call("subscribeseq news");
        await().until(() -> this.main.subscriptionCount() == 2);
        long heapBefore = usedHeapAfterGc();

        // Bursts the fast child keeps up with; publishing itself never waits for the slow child.
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int sent = 0; sent < MESSAGES; sent += BURST) {
                for (int i = sent; i < sent + BURST; i++) {
                    this.main.publish("news", i + ":" + PADDING);
                }
                int expected = sent + BURST;
                await().atMost(Duration.ofSeconds(20)).until(() -> this.fast.messages().size() >= expected);
            }
        });

        String slowPid = "pid " + this.slow.pid();
        await().atMost(Duration.ofSeconds(10)).until(() -> this.log.has("WARN", slowPid, "max-pending-messages"));
        assertThat(this.log.has("WARN", "pid " + this.fast.pid())).as("the fast child is never cut off").isFalse();
        long retained = usedHeapAfterGc() - heapBefore;
        assertThat(retained).as("bytes main retained: at most its queue for the slow child, not every message")
                .isLessThan(24L * 1024 * 1024);
        assertThat(this.fast.call("get precious")).isEqualTo("VALUE java.lang.String data");
        assertThat(drain(this.fast)).as("everything, in order, once").isEqualTo(sequence(MESSAGES));

        this.slow.call("release");
        await().atMost(Duration.ofSeconds(30)).until(() -> this.main.connectedChildren() == 2
                && this.main.subscriptionCount() == 2 && this.slow.call("available").equals("BOOL true"));
        List<String> beforeTheCut = drain(this.slow);
        assertThat(beforeTheCut).as("what the slow child got before the cut is a prefix, in order")
                .isEqualTo(sequence(beforeTheCut.size()));
        this.main.publish("news", "after");
        await().atMost(Duration.ofSeconds(10)).until(() -> "MSG news after".equals(this.slow.messages().poll()));
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

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
