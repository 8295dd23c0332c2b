package io.sharedmemory.core.it;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.internal.wire.ErrorCodes;
import io.sharedmemory.core.internal.wire.Opcodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A child reads whole a store far larger than max-frame-size, from a main in another JVM: the
 * listing comes in parts, each within the 64 KiB limit both sides have, and the parts form one
 * snapshot even while main's own writer sweeps the keys.
 */
class LargeReplyTest {

    private static final int FRAME_LIMIT = 64 * 1024;

    @TempDir
    Path folder;

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : this.resources) {
            resource.close();
        }
    }

    @Test
    void aChildReadsAStoreFarLargerThanTheFrameLimitWholeInEveryListing() throws Exception {
        SharedMemoryStore child = childOfAgentMain();
        int keys = 20_000;
        assertThat(this.mainAgent.call("fill big: " + keys + " 48")).isEqualTo("OK");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            names.add("big:" + i);
        }

        Map<String, Object> all = child.getAll();
        assertThat(all).hasSize(keys);
        // About 65 bytes per entry on the wire: some 20 frames of at most 64 KiB.
        assertThat(keys * 65L).isGreaterThan(16L * FRAME_LIMIT);
        for (int i = 0; i < keys; i += 997) {
            assertThat(all.get("big:" + i)).isEqualTo(Agent.filler(i, 48));
        }
        assertThat(child.keys("big:*")).hasSize(keys).containsAll(names);
        // The request must fit in a frame (some 13 bytes per key here); its reply need not.
        List<String> asked = names.subList(0, 3_000);
        Map<String, Object> batch = child.getAll(asked);
        assertThat(batch).hasSize(asked.size());
        asked.forEach((key) -> assertThat(batch.get(key)).isEqualTo(all.get(key)));

        assertThat(child.async().getAll().get(30, TimeUnit.SECONDS)).isEqualTo(all);
        assertThat(child.async().keys("big:*").get(30, TimeUnit.SECONDS)).isEqualTo(Set.copyOf(names));
        assertThat(child.async().getAll(asked).get(30, TimeUnit.SECONDS)).isEqualTo(batch);
        // The connection carries on after the long replies.
        child.set("after", "ok");
        assertThat(child.get("after")).isEqualTo("ok");
    }

    @Test
    void aConcurrentWriterNeverMakesTheAssembledListingAMixOfTwoMoments() throws Exception {
        SharedMemoryStore child = childOfAgentMain();
        int keys = 6_000;
        // Some 80 bytes per entry: each listing spans about eight frames.
        assertThat(this.mainAgent.call("sweep gen: " + keys)).isEqualTo("OK");
        long generations = 0;
        for (int round = 0; round < 30; round++) {
            Map<String, Object> all = round % 2 == 0 ? child.getAll() : child.async().getAll().get(30, TimeUnit.SECONDS);
            long[] seen = new long[keys];
            for (int i = 0; i < keys; i++) {
                String value = (String) all.get("gen:" + i);
                seen[i] = Long.parseLong(value.substring(0, value.indexOf(':')));
            }
            assertOneInstant(seen, round);
            generations = Math.max(generations, seen[0]);
        }
        assertThat(generations).as("the writer swept meanwhile").isGreaterThan(1);
    }

    @Test
    void aClientThatDoesNotAssemblePartsStillGetsTooLargeAndKeepsItsConnection() throws Exception {
        Path socket = this.folder.resolve("raw.sock");
        SharedMemoryStore main = SharedMemory.builder().socketPath(socket).maxFrameSize(FRAME_LIMIT).startMain();
        this.resources.add(main);
        for (int i = 0; i < 2_000; i++) {
            main.set("k" + i, Agent.filler(i, 48));
        }
        try (RawClient raw = new RawClient(socket)) {
            raw.hello().readFrame();
            ByteBuffer reply = raw.request(RawClient.frame(Opcodes.GET_ALL, 7));
            assertThat(reply.get()).isEqualTo(Opcodes.ERROR);
            assertThat(reply.getInt()).isEqualTo(7);
            assertThat((int) reply.getShort()).isEqualTo(ErrorCodes.TOO_LARGE);
            ByteBuffer pong = raw.request(RawClient.frame(Opcodes.PING, 8));
            assertThat(pong.get()).isEqualTo(Opcodes.OK);
        }
    }

    private AgentProcess mainAgent;

    /** A main agent and a child in this JVM, both with the small frame limit. */
    private SharedMemoryStore childOfAgentMain() throws Exception {
        Path socket = this.folder.resolve("large.sock");
        this.mainAgent = AgentProcess.launch("main", socket)
                .jvmOptions("-D" + Agent.MAX_FRAME_SIZE_PROPERTY + "=" + FRAME_LIMIT).start();
        this.resources.add(this.mainAgent);
        SharedMemoryStore child = SharedMemory.builder().socketPath(socket).maxFrameSize(FRAME_LIMIT)
                .requestTimeout(Duration.ofSeconds(10)).connectChild();
        this.resources.add(0, child);
        await().atMost(Duration.ofSeconds(30)).until(child::isAvailable);
        return child;
    }

    /** Generation g up to some key, g-1 after it: what the store held at one instant. */
    private static void assertOneInstant(long[] generations, int round) {
        long first = generations[0];
        boolean stepped = false;
        for (int i = 1; i < generations.length; i++) {
            if (generations[i] == first) {
                assertThat(stepped).as("round %d: key %d is back at generation %d after a step", round, i, first)
                        .isFalse();
            }
            else {
                assertThat(generations[i]).as("round %d: key %d", round, i).isEqualTo(first - 1);
                stepped = true;
            }
        }
    }
}
