package io.sharedmemory.core.it;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.internal.server.MainKeyValueStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A child killed with SIGKILL in the middle of its work harms neither main nor the other child. */
class ChildCrashTest {

    @TempDir
    Path folder;

    @Test
    void mainFreesAKilledChildAndTheOtherCarriesOn() throws Exception {
        Path socket = this.folder.resolve("crash.sock");
        try (MainKeyValueStore main = (MainKeyValueStore) SharedMemory.builder().socketPath(socket).startMain();
                AgentProcess victim = AgentProcess.child(socket);
                AgentProcess survivor = AgentProcess.child(socket)) {
            victim.call("subscribe news");
            victim.call("psubscribe *");
            survivor.call("subscribe news");
            await().until(() -> main.subscriptionCount() == 3);
            victim.call("busyset work");
            await().atMost(Duration.ofSeconds(10)).until(() -> main.get("work.count", 0L) > 100);

            victim.kill9();

            await().atMost(Duration.ofSeconds(10)).until(() -> main.connectedChildren() == 1);
            assertThat(main.subscriptionCount()).isEqualTo(1);
            long countAfterKill = main.get("work.count", 0L);
            assertThat(main.get("work")).asString().startsWith("v");
            assertThat(survivor.call("set after-crash yes")).isEqualTo("OK");
            assertThat(survivor.call("get work.count")).isEqualTo("VALUE java.lang.Long " + countAfterKill);
            survivor.call("publish news still-here");
            await().atMost(Duration.ofSeconds(10)).until(() -> !survivor.messages().isEmpty());
            assertThat(survivor.messages().poll()).isEqualTo("MSG news still-here");
            assertThat(main.get("after-crash")).isEqualTo("yes");
        }
    }
}
