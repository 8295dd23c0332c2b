package io.sharedmemory.core.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.internal.server.MainKeyValueStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A healthy child that floods its own channel is a burst, not a stall: main must not cut it off.
 * Under the old rule (cut at the first message past {@code max-pending-messages}) about one
 * flood in five was cut on a 2-core machine, because main's pusher for the child can fall
 * thousands of messages behind its reader, which acknowledges each publish at once.
 */
class FloodingPublisherTest {

    /** The bound of the report; both main's queue and the child's listener backlog. */
    private static final int MAX_PENDING = 2000;

    private static final int MESSAGES = 30_000;

    /** With one flood in five cut, twelve clean floods in a row happen by chance 7% of the time. */
    private static final int FLOODS = 12;

    @TempDir
    Path folder;

    private MainKeyValueStore main;

    private AgentProcess child;

    private LogCapture log;

    @BeforeEach
    void start() throws Exception {
        Path socket = this.folder.resolve("flood.sock");
        // With debug lines: a closed connection reports how long its backlog grew.
        this.log = LogCapture.withDebug("io.sharedmemory.core.internal.server.ChildConnection");
        this.main = (MainKeyValueStore) SharedMemory.builder().socketPath(socket).maxPendingMessages(MAX_PENDING)
                .startMain();
        this.child = AgentProcess.launch("child", socket).maxPendingMessages(MAX_PENDING).start();
    }

    @AfterEach
    void stop() {
        this.child.close();
        this.main.close();
        this.log.close();
    }

    @Test
    void aChildFloodingItsOwnChannelIsNeverCutOff() {
        assertThat(this.child.call("subscribeseq flood")).isEqualTo("OK");
        await().until(() -> this.main.subscriptionCount() == 1);
        for (int flood = 0; flood < FLOODS; flood++) {
            String prefix = "f" + flood;
            assertThat(this.child.call("publishmany flood " + MESSAGES + " " + prefix))
                .as("flood %d: every publish acknowledged", flood).isEqualTo("OK");
            await().atMost(Duration.ofSeconds(60)).until(() -> this.child.messages().size() >= MESSAGES);
            assertThat(drain(this.child)).as("flood %d: every message back, in order, once", flood)
                .isEqualTo(sequence(prefix, MESSAGES));
            assertThat(this.log.has("WARN", "Disconnecting")).as("flood %d: no cut", flood).isFalse();
        }
        assertThat(this.main.connectedChildren()).isEqualTo(1);
        this.child.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> this.log.has("DEBUG", "peaked"));
        // The figure docs/RELIABILITY.md quotes: how far main's pusher fell behind at most.
        System.out.println("flood figures: " + FLOODS + " x " + MESSAGES + " messages; "
                + this.log.lines().stream().filter((line) -> line.contains("peaked")).findFirst().orElseThrow());
    }

    private static List<String> drain(AgentProcess agent) {
        List<String> lines = new ArrayList<>();
        agent.messages().drainTo(lines);
        return lines;
    }

    private static List<String> sequence(String prefix, int count) {
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add("MSG flood " + prefix + "-" + i);
        }
        return lines;
    }
}
