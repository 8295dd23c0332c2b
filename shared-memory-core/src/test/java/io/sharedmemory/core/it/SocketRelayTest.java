package io.sharedmemory.core.it;

import java.nio.file.Path;
import java.time.Duration;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The relay the near cache test cuts links with: it relays a child's calls, and a cut makes the child reconnect. */
class SocketRelayTest {

    @TempDir
    Path directory;

    @Test
    void aChildThroughTheRelayWorksAndReconnectsAfterACut() throws Exception {
        Path socket = this.directory.resolve("m.sock");
        try (SharedMemoryStore main = SharedMemory.builder().socketPath(socket).startMain();
                SocketRelay relay = new SocketRelay(this.directory.resolve("r.sock"), socket);
                SharedMemoryStore child = SharedMemory.builder().socketPath(this.directory.resolve("r.sock"))
                    .requestTimeout(Duration.ofSeconds(2)).connectChild()) {
            await().until(child::isAvailable);
            child.set("k", "v1");
            assertThat(main.get("k")).isEqualTo("v1");
            assertThat(relay.cutAll()).isEqualTo(1);
            await().ignoreExceptions().untilAsserted(() -> {
                child.set("k", "v2");
                assertThat(main.get("k")).isEqualTo("v2");
            });
            assertThat(child.isAvailable()).isTrue();
        }
    }
}
