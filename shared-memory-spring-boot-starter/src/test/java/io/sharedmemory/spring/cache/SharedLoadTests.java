package io.sharedmemory.spring.cache;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code sync = true} across stores: a main store and a child store stand for two processes,
 * each with threads of its own; a lock written by hand stands for a process that died or hangs.
 */
class SharedLoadTests {

    private static final String LOCK = "cache-lock:users:k";

    @TempDir
    Path directory;

    private SharedMemoryStore main;

    private SharedMemoryStore child;

    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @BeforeEach
    void start() {
        Path socket = this.directory.resolve("s.sock");
        this.main = SharedMemory.builder().socketPath(socket).startMain();
        this.child = SharedMemory.builder().socketPath(socket).requestTimeout(Duration.ofSeconds(10)).connectChild();
        await().atMost(Duration.ofSeconds(20)).until(this.child::isAvailable);
    }

    @AfterEach
    void stop() {
        this.pool.shutdownNow();
        this.child.close();
        this.main.close();
    }

    @Test
    void concurrentLoadsInTwoStoresComputeOnce() throws Exception {
        SharedMemoryCache inMain = new SharedMemoryCache("users", this.main, null, true);
        SharedMemoryCache inChild = new SharedMemoryCache("users", this.child, null, true);
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            SharedMemoryCache cache = (i % 2 == 0) ? inMain : inChild;
            results.add(this.pool.submit(() -> {
                go.await();
                return cache.get("k", () -> {
                    calls.incrementAndGet();
                    Thread.sleep(300);
                    return "computed";
                });
            }));
        }
        go.countDown();
        for (Future<String> result : results) {
            assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo("computed");
        }
        assertThat(calls).hasValue(1);
        assertThat(this.main.keys("cache-lock:*")).as("the lock is freed").isEmpty();
    }

    @Test
    void aWaiterTakesTheValueThatTheLockHolderStores() throws Exception {
        // Another process holds the lock and will store the value.
        this.main.set(LOCK, "1:other@" + (System.currentTimeMillis() + 60_000), Duration.ofSeconds(60));
        SharedMemoryCache inChild = new SharedMemoryCache("users", this.child, null, true);
        Future<String> waiter = this.pool.submit(() -> inChild.get("k", () -> "must not compute"));
        // It keeps waiting while the lock is held and no value is there.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !waiter.isDone());
        this.main.set("cache:users:k", "from the holder");
        assertThat(waiter.get(20, TimeUnit.SECONDS)).isEqualTo("from the holder");
    }

    @Test
    void aLockLeftWithoutTimeToLiveByAKilledHolderIsTakenOverOnceItsLeaseEnded() {
        this.main.set(LOCK, "1:killed@" + (System.currentTimeMillis() - 1));
        SharedMemoryCache inChild = new SharedMemoryCache("users", this.child, null, true);
        long start = System.nanoTime();
        assertThat(inChild.get("k", () -> "computed here")).isEqualTo("computed here");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(this.main.get(LOCK)).isNull();
    }

    @Test
    void theLockOfAHolderThatOutlivesItsLeaseExpiresByItself() throws Exception {
        SharedMemoryCache slow = new SharedMemoryCache("users", this.main, null, true,
                new SharedLoad(this.main, Duration.ofMillis(500), SharedLoad.LONGEST_WAIT));
        SharedMemoryCache other = new SharedMemoryCache("users", this.child, null, true);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch loading = new CountDownLatch(1);
        Future<String> holder = this.pool.submit(() -> slow.get("k", () -> {
            loading.countDown();
            release.await(60, TimeUnit.SECONDS);
            return "slow";
        }));
        assertThat(loading.await(20, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        assertThat(other.get("k", () -> "after the lease")).isEqualTo("after the lease");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        release.countDown();
        assertThat(holder.get(20, TimeUnit.SECONDS)).isEqualTo("slow");
    }

    @Test
    void noWaitOutlastsTheLongestWait() {
        // A lock that never frees and never goes stale (a store that keeps no time to live, say).
        this.main.set(LOCK, "1:stuck@" + Long.MAX_VALUE);
        SharedMemoryCache impatient = new SharedMemoryCache("users", this.child, null, true,
                new SharedLoad(this.child, SharedLoad.LEASE, Duration.ofSeconds(1)));
        long start = System.nanoTime();
        assertThat(impatient.get("k", () -> "computed without the lock")).isEqualTo("computed without the lock");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1)).isLessThan(Duration.ofSeconds(10));
        assertThat(this.main.get(LOCK)).as("someone else's lock is left alone").isEqualTo("1:stuck@" + Long.MAX_VALUE);
    }

    @Test
    void timingsAreBoundedAndOrdered() {
        assertThat(SharedLoad.LONGEST_WAIT).isGreaterThan(SharedLoad.LEASE);
        assertThat(SharedLoad.FIRST_POLL).isLessThan(SharedLoad.LONGEST_POLL);
        assertThat(SharedLoad.LONGEST_POLL).isLessThan(SharedLoad.LEASE);
    }
}
