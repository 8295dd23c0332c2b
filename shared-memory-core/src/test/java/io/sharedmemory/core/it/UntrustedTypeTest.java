package io.sharedmemory.core.it;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryCodecException;
import io.sharedmemory.core.SharedMemoryStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Types outside the trusted packages are refused, wherever they come from; nothing stored changes. */
class UntrustedTypeTest {

    @TempDir
    Path folder;

    @Test
    void mainRefusesAChildsValueOfAnUntrustedTypeAndKeepsTheOldValue() throws Exception {
        Path socket = this.folder.resolve("trust.sock");
        try (SharedMemoryStore main = SharedMemory.builder().socketPath(socket).startMain();
                AgentProcess child = AgentProcess.child(socket)) {
            main.set("p", "old");
            assertThat(child.call("setpoint p 1 2")).startsWith("ERR SharedMemoryCodecException")
                    .contains(Point.class.getName());
            assertThat(main.get("p")).isEqualTo("old");
            assertThat(child.call("get p")).isEqualTo("VALUE java.lang.String old");
        }
    }

    @Test
    void aChildThatDoesNotTrustATypeCannotEncodeIt() throws Exception {
        Path socket = this.folder.resolve("trust2.sock");
        try (SharedMemoryStore main = SharedMemory.builder().socketPath(socket)
                .trustedPackages(Point.class.getPackageName()).startMain();
                AgentProcess child = AgentProcess.start("child", socket, 2000, false)) {
            assertThat(child.call("setpoint p 1 2")).startsWith("ERR SharedMemoryCodecException");
            main.set("q", new Point(5, 6));
            assertThat(child.call("get q")).startsWith("ERR SharedMemoryCodecException");
            assertThat(main.get("q")).isEqualTo(new Point(5, 6));
        }
    }

    @Test
    void mainDoesNotEncodeAnUntrustedTypeEither() throws Exception {
        try (SharedMemoryStore main = SharedMemory.builder().socketPath(this.folder.resolve("t3.sock")).startMain()) {
            assertThatThrownBy(() -> main.set("p", new Point(1, 2))).isInstanceOf(SharedMemoryCodecException.class);
            assertThat(main.get("p")).isNull();
        }
    }
}
