package io.sharedmemory.spring;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The watcher on real processes: a {@code sleep} stands for the parent. */
class ParentProcessWatcherTests {

    private Process parent;

    @AfterEach
    void killParent() {
        if (this.parent != null) {
            this.parent.destroyForcibly();
        }
    }

    @Test
    void runsTheExitActionOnItsOwnThreadOnceTheParentIsKilled() throws Exception {
        this.parent = new ProcessBuilder("sleep", "600").start();
        CountDownLatch exited = new CountDownLatch(1);
        AtomicReference<String> thread = new AtomicReference<>();
        ParentProcessWatcher watcher = new ParentProcessWatcher(this.parent.pid(), () -> {
            thread.set(Thread.currentThread().getName());
            exited.countDown();
        });
        watcher.start();
        assertThat(watcher.isRunning()).isTrue();
        assertThat(watcher.getParentPid()).isEqualTo(this.parent.pid());
        assertThat(exited.await(500, TimeUnit.MILLISECONDS)).as("parent still alive").isFalse();
        this.parent.destroyForcibly();
        assertThat(exited.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(thread.get()).isEqualTo(ParentProcessWatcher.THREAD_NAME);
    }

    @Test
    void aParentGoneBeforeTheStartCountsAsGone() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        CountDownLatch exited = new CountDownLatch(1);
        new ParentProcessWatcher(gone.pid(), exited::countDown).start();
        assertThat(exited.await(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aStoppedWatcherIgnoresTheParentsExit() throws IOException, InterruptedException {
        this.parent = new ProcessBuilder("sleep", "600").start();
        AtomicInteger runs = new AtomicInteger();
        ParentProcessWatcher watcher = new ParentProcessWatcher(this.parent.pid(), runs::incrementAndGet);
        watcher.start();
        watcher.stop();
        assertThat(watcher.isRunning()).isFalse();
        this.parent.destroyForcibly().waitFor();
        // The parent's exit is seen within about a second; a stopped watcher does nothing with it.
        await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 0);
    }

    @Test
    void itsOwnPidIsNotWatched() {
        AtomicInteger runs = new AtomicInteger();
        ParentProcessWatcher watcher = new ParentProcessWatcher(ProcessHandle.current().pid(), runs::incrementAndGet);
        watcher.start();
        assertThat(watcher.isRunning()).isTrue();
        assertThat(runs).hasValue(0);
    }
}
