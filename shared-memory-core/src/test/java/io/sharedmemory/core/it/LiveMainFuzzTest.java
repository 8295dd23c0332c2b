package io.sharedmemory.core.it;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.internal.server.MainKeyValueStore;
import io.sharedmemory.core.testing.SeededRandom;
import io.sharedmemory.core.testing.Tries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A live main fed arbitrary bytes on fresh connections, before and after a good handshake,
 * keeps serving a well-behaved child JVM all along: the child reads what was stored, writes,
 * and receives what is published; and every hostile connection is closed and forgotten. The
 * bytes come from a seeded {@link Tries} run; a failure names its seed and bytes.
 */
class LiveMainFuzzTest {

    private static Path folder;

    private static Path socket;

    private static MainKeyValueStore main;

    private static AgentProcess child;

    /** This test's random source, kept so that the check after its tries can name the seed too. */
    private final SeededRandom random = SeededRandom.fromSystemProperty();

    @BeforeAll
    static void start() throws IOException {
        folder = Files.createTempDirectory("shm-fuzz");
        socket = folder.resolve("fuzz.sock");
        main = (MainKeyValueStore) SharedMemory.builder().socketPath(socket).maxFrameSize(64 * 1024).startMain();
        main.set("precious", "data");
        child = AgentProcess.child(socket);
        child.call("subscribe alive");
    }

    @AfterAll
    static void stop() throws IOException {
        child.close();
        main.close();
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
        }
    }

    @Test
    void garbageInsteadOfAHandshake() {
        Tries.forAll(this.random, 150, LiveMainFuzzTest::prelude, (bytes) -> {
            sendAndHangUp(false, bytes);
            assertThat(child.call("get precious")).isEqualTo("VALUE java.lang.String data");
        });
    }

    @Test
    void garbageAfterAGoodHandshake() {
        Tries.forAll(this.random, 150, LiveMainFuzzTest::frameStream, (bytes) -> {
            sendAndHangUp(true, bytes);
            assertThat(child.call("get precious")).isEqualTo("VALUE java.lang.String data");
        });
    }

    @AfterEach
    void mainForgetsEveryHostileConnectionAndStillServesTheChild() {
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> main.connectedChildren() == 1);
            assertThat(main.subscriptionCount()).as("only the child's own subscription").isEqualTo(1);
            assertThat(main.get("precious")).isEqualTo("data");
            assertThat(child.call("set fresh yes")).isEqualTo("OK");
            assertThat(main.get("fresh")).isEqualTo("yes");
            child.messages().clear();
            main.publish("alive", "yes");
            await().atMost(Duration.ofSeconds(10)).until(() -> "MSG alive yes".equals(child.messages().poll()));
        }
        catch (AssertionError | RuntimeException failure) {
            throw new AssertionError("Main is not clean after the tries with seed " + this.random.seed()
                    + " (replay with -D" + SeededRandom.SEED_PROPERTY + "=" + this.random.seed() + ")", failure);
        }
    }

    private static void sendAndHangUp(boolean handshake, byte[] bytes) {
        try (RawClient raw = new RawClient(socket)) {
            if (handshake) {
                raw.hello();
            }
            raw.send(bytes);
        }
        catch (IOException ex) {
            // Main hung up first: that is one of the answers allowed.
        }
    }

    /** What a stranger might say first: noise, or a plausible length (1 to 300) followed by noise. */
    private static byte[] prelude(SeededRandom random) {
        if (random.nextBoolean()) {
            return random.bytes(1, 300);
        }
        byte[] body = random.bytes(0, 300);
        return ByteBuffer.allocate(4 + body.length).putInt(random.intBetween(1, 300)).put(body).array();
    }

    /** One to six frames of plausible length whose bodies start with a request opcode, or any bytes at all. */
    private static byte[] frameStream(SeededRandom random) {
        if (random.nextBoolean()) {
            return random.bytes(1, 300);
        }
        return concat(random.list(1, 6, (r) -> {
            byte opcode = (byte) r.intBetween(0x0F, 0x1E);
            byte[] rest = r.bytes(4, 60);
            // The declared length is right, or off by a little either way.
            int declared = 1 + rest.length + r.intBetween(-2, 2);
            return ByteBuffer.allocate(5 + rest.length).putInt(declared).put(opcode).put(rest).array();
        }));
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteBuffer all = ByteBuffer.allocate(parts.stream().mapToInt((p) -> p.length).sum());
        parts.forEach(all::put);
        return all.array();
    }
}
