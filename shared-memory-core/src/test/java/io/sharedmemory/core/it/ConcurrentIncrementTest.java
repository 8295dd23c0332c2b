package io.sharedmemory.core.it;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryStore;

import static org.assertj.core.api.Assertions.assertThat;

/** Increments from many threads in two child JVMs and in main add up exactly. */
class ConcurrentIncrementTest {

    private static final int THREADS = 8;

    private static final int PER_THREAD = 2_000;

    @TempDir
    Path folder;

    @Test
    void concurrentIncrementsFromTwoChildrenAndMainAreExact() throws Exception {
        Path socket = this.folder.resolve("incr.sock");
        try (SharedMemoryStore main = SharedMemory.builder().socketPath(socket).startMain();
                AgentProcess first = AgentProcess.child(socket);
                AgentProcess second = AgentProcess.child(socket)) {
            String command = "incrmany total " + THREADS + " " + PER_THREAD;
            CompletableFuture<String> fromFirst = CompletableFuture.supplyAsync(() -> first.call(command));
            CompletableFuture<String> fromSecond = CompletableFuture.supplyAsync(() -> second.call(command));
            for (int i = 0; i < PER_THREAD; i++) {
                main.increment("total", 1);
            }
            long perChild = (long) THREADS * PER_THREAD;
            assertThat(fromFirst.get()).isEqualTo("DONE " + perChild + " 0");
            assertThat(fromSecond.get()).isEqualTo("DONE " + perChild + " 0");
            assertThat(main.get("total")).isEqualTo(2 * perChild + PER_THREAD);
        }
    }
}
