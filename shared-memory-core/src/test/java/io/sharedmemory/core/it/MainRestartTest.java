package io.sharedmemory.core.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Main killed with SIGKILL: the child's calls fail fast with SharedMemoryUnavailableException;
 * a new main replaces the stale socket; the child reconnects and its subscriptions work again.
 */
class MainRestartTest {

    @TempDir
    Path folder;

    @Test
    void aChildSurvivesMainsDeathAndReconnectsWithItsSubscriptions() throws Exception {
        Path socket = this.folder.resolve("restart.sock");
        AgentProcess firstMain = AgentProcess.main(socket);
        try (AgentProcess child = AgentProcess.start("child", socket, 1000, true)) {
            child.call("subscribe events");
            child.call("psubscribe ev*");
            firstMain.call("publish events before");
            await().atMost(Duration.ofSeconds(10)).until(() -> child.messages().size() == 2);
            child.messages().clear();

            firstMain.kill9();
            assertThat(Files.exists(socket)).as("a killed main leaves its socket file").isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> child.call("available").equals("BOOL false"));
            String timed = child.call("timedget anything");
            assertThat(timed).endsWith("SharedMemoryUnavailableException");
            long millis = Long.parseLong(timed.split(" ")[1]);
            assertThat(millis).as("fails fast, not after a hang").isLessThan(1000);

            try (AgentProcess secondMain = AgentProcess.main(socket)) {
                await().atMost(Duration.ofSeconds(15)).until(() -> child.call("available").equals("BOOL true"));
                assertThat(child.call("set k v")).isEqualTo("OK");
                assertThat(secondMain.call("get k")).isEqualTo("VALUE java.lang.String v");
                secondMain.call("publish events after");
                await().atMost(Duration.ofSeconds(10)).until(() -> child.messages().size() == 2);
                assertThat(child.messages()).containsExactlyInAnyOrder("MSG events after", "PMSG ev* events after");
            }
        }
        finally {
            firstMain.close();
        }
    }
}
