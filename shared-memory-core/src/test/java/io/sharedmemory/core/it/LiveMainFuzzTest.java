package io.sharedmemory.core.it;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.server.MainKeyValueStore;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A live main fed arbitrary bytes on fresh connections, before and after a good handshake,
 * keeps serving a well-behaved child JVM all along: the child reads what was stored, writes,
 * and receives what is published; and every hostile connection is closed and forgotten.
 */
class LiveMainFuzzTest {

    private static Path folder;

    private static Path socket;

    private static MainKeyValueStore main;

    private static AgentProcess child;

    @BeforeContainer
    static void start() throws IOException {
        folder = Files.createTempDirectory("shm-fuzz");
        socket = folder.resolve("fuzz.sock");
        main = (MainKeyValueStore) SharedMemory.builder().socketPath(socket).maxFrameSize(64 * 1024).startMain();
        main.set("precious", "data");
        child = AgentProcess.child(socket);
        child.call("subscribe alive");
    }

    @AfterContainer
    static void stop() throws IOException {
        child.close();
        main.close();
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
        }
    }

    @Property(tries = 150)
    void garbageInsteadOfAHandshake(@ForAll("preludes") byte[] bytes) {
        sendAndHangUp(false, bytes);
        assertThat(child.call("get precious")).isEqualTo("VALUE java.lang.String data");
    }

    @Property(tries = 150)
    void garbageAfterAGoodHandshake(@ForAll("frameStreams") byte[] bytes) {
        sendAndHangUp(true, bytes);
        assertThat(child.call("get precious")).isEqualTo("VALUE java.lang.String data");
    }

    @AfterProperty
    void mainForgetsEveryHostileConnectionAndStillServesTheChild() {
        await().atMost(Duration.ofSeconds(20)).until(() -> main.connectedChildren() == 1);
        assertThat(main.subscriptionCount()).as("only the child's own subscription").isEqualTo(1);
        assertThat(main.get("precious")).isEqualTo("data");
        assertThat(child.call("set fresh yes")).isEqualTo("OK");
        assertThat(main.get("fresh")).isEqualTo("yes");
        child.messages().clear();
        main.publish("alive", "yes");
        await().atMost(Duration.ofSeconds(10)).until(() -> "MSG alive yes".equals(child.messages().poll()));
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

    /** What a stranger might say first: noise, or a plausible length followed by noise. */
    @Provide
    Arbitrary<byte[]> preludes() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300);
        Arbitrary<byte[]> framed = Combinators.combine(Arbitraries.integers().between(1, 300),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300))
                .as((length, body) -> ByteBuffer.allocate(4 + body.length).putInt(length).put(body).array());
        return Arbitraries.oneOf(noise, framed);
    }

    /** Frames of plausible length whose bodies start with a request opcode, or any bytes at all. */
    @Provide
    Arbitrary<byte[]> frameStreams() {
        Arbitrary<byte[]> frame = Combinators.combine(Arbitraries.bytes().between((byte) 0x0F, (byte) 0x1E),
                Arbitraries.bytes().array(byte[].class).ofMinSize(4).ofMaxSize(60), Arbitraries.integers()
                        .between(-2, 2))
                .as((opcode, rest, skew) -> {
                    // The declared length is right, or off by a little either way.
                    int declared = 1 + rest.length + skew;
                    return ByteBuffer.allocate(5 + rest.length).putInt(declared).put(opcode).put(rest).array();
                });
        Arbitrary<byte[]> frames = frame.list().ofMinSize(1).ofMaxSize(6).map(LiveMainFuzzTest::concat);
        return Arbitraries.oneOf(frames, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300));
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteBuffer all = ByteBuffer.allocate(parts.stream().mapToInt((p) -> p.length).sum());
        parts.forEach(all::put);
        return all.array();
    }
}
