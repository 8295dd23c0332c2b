package io.sharedmemory.spring.cache;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.cache.Cache;
import org.springframework.cache.Cache.ValueWrapper;
import org.springframework.cache.interceptor.SimpleKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The cache on a real main store and a real child store connected to it: what one writes, the
 * other reads, as two processes would.
 */
class SharedMemoryCacheTests {

    @TempDir
    Path directory;

    private SharedMemoryStore main;

    private SharedMemoryStore child;

    private SharedMemoryCache inMain;

    private SharedMemoryCache inChild;

    @BeforeEach
    void start() {
        Path socket = this.directory.resolve("s.sock");
        this.main = SharedMemory.builder().socketPath(socket).startMain();
        this.child = SharedMemory.builder().socketPath(socket).requestTimeout(Duration.ofSeconds(10)).connectChild();
        await().atMost(Duration.ofSeconds(20)).until(this.child::isAvailable);
        this.inMain = new SharedMemoryCache("users", this.main, null, true);
        this.inChild = new SharedMemoryCache("users", this.child, null, true);
    }

    @AfterEach
    void stop() {
        this.child.close();
        this.main.close();
    }

    @Test
    void aValuePutInOneStoreIsAHitInTheOtherUnderANamespacedKey() {
        this.inMain.put(42L, "Ada");
        assertThat(this.inChild.get(42L).get()).isEqualTo("Ada");
        assertThat(this.inChild.get(42L, String.class)).isEqualTo("Ada");
        assertThat(this.main.get("cache:users:#Long(42)")).isEqualTo("Ada");
        assertThat(this.inChild.get("42")).as("the String 42 is another key").isNull();
        this.inChild.put(new SimpleKey("eu", 7), List.of(1L, 2L));
        assertThat(this.inMain.get(new SimpleKey("eu", 7)).get()).isEqualTo(List.of(1L, 2L));
        assertThat(this.inMain.getNativeCache()).isSameAs(this.main);
    }

    @Test
    void nullIsCachedAsAMarkerThatReadsBackAsNullEverywhere() {
        this.inMain.put("nobody", null);
        ValueWrapper cached = this.inChild.get("nobody");
        assertThat(cached).isNotNull();
        assertThat(cached.get()).isNull();
        assertThat(this.child.get("cache:users:nobody")).isEqualTo(SharedMemoryCache.NULL_MARKER);
        SharedMemoryCache noNulls = new SharedMemoryCache("users", this.child, null, false);
        assertThat(noNulls.get("nobody", String.class)).isNull();
        assertThatIllegalArgumentException().isThrownBy(() -> noNulls.put("other", null));
    }

    @Test
    void evictInOneStoreEvictsForAll() {
        this.inMain.put("k", "v");
        assertThat(this.inChild.evictIfPresent("k")).isTrue();
        assertThat(this.inMain.get("k")).isNull();
        assertThat(this.inChild.evictIfPresent("k")).isFalse();
        this.inChild.put("k", "v");
        this.inMain.evict("k");
        assertThat(this.inChild.get("k")).isNull();
    }

    @Test
    void clearDeletesThisCacheOnlyNotACacheWhoseNameStartsTheSameNorOtherKeys() {
        SharedMemoryCache nested = new SharedMemoryCache("users:eu", this.main, null, true);
        SharedMemoryCache star = new SharedMemoryCache("*", this.main, null, true);
        this.inMain.put("a", 1L);
        this.inMain.put("b", 2L);
        nested.put("a", 3L);
        star.put("a", 4L);
        this.main.set("users:a", "not a cache entry");
        assertThat(this.inChild.invalidate()).isTrue();
        assertThat(this.inMain.get("a")).isNull();
        assertThat(this.inMain.get("b")).isNull();
        assertThat(nested.get("a").get()).isEqualTo(3L);
        assertThat(star.get("a").get()).isEqualTo(4L);
        assertThat(this.main.get("users:a")).isEqualTo("not a cache entry");
        assertThat(this.inChild.invalidate()).isFalse();
        star.clear();
        assertThat(star.get("a")).isNull();
        assertThat(nested.get("a")).isNotNull();
    }

    @Test
    void putIfAbsentKeepsTheFirstValue() {
        assertThat(this.inMain.putIfAbsent("k", "first")).isNull();
        assertThat(this.inChild.putIfAbsent("k", "second").get()).isEqualTo("first");
        assertThat(this.inChild.get("k").get()).isEqualTo("first");
        assertThat(this.inChild.putIfAbsent("none", null)).isNull();
        assertThat(this.inMain.putIfAbsent("none", "late").get()).isNull();
    }

    @Test
    void entriesExpireAfterTheTimeToLiveWhateverWroteThem() {
        SharedMemoryCache shortLived = new SharedMemoryCache("short", this.child, Duration.ofMillis(300), true);
        shortLived.put("put", "v");
        shortLived.putIfAbsent("putIfAbsent", "v");
        shortLived.get("loaded", () -> "v");
        assertThat(shortLived.get("put")).isNotNull();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(this.main.keys("cache:short:*")).isEmpty();
        });
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new SharedMemoryCache("bad", this.main, Duration.ZERO, true));
    }

    @Test
    void keysWithoutAStableTextAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> this.inMain.put(new Object(), "v"))
            .withMessageContaining("java.lang.Object");
    }

    @Test
    void aLoaderRunsOnlyOnAMissAndItsValueIsSeenEverywhere() {
        Callable<String> nothing = () -> null;
        assertThat(this.inMain.get("k", () -> "loaded")).isEqualTo("loaded");
        assertThat(this.inChild.get("k", () -> "again")).isEqualTo("loaded");
        assertThat((Object) this.inChild.get("nothing", nothing)).isNull();
        assertThat(this.inMain.get("nothing").get()).isNull();
    }

    @Test
    void aFailingLoaderStoresNothingAndFreesItsLock() {
        Callable<String> failing = () -> {
            throw new IllegalStateException("boom");
        };
        assertThatExceptionOfType(Cache.ValueRetrievalException.class)
            .isThrownBy(() -> this.inMain.get("k", failing))
            .withRootCauseInstanceOf(IllegalStateException.class);
        assertThat(this.main.keys("cache*")).isEmpty();
        long start = System.nanoTime();
        assertThat(this.inChild.get("k", () -> "second try")).isEqualTo("second try");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void retrieveTellsAMissFromACachedNull() {
        assertThat(this.inChild.retrieve("k").join()).isNull();
        this.inMain.put("k", "v");
        assertThat(((ValueWrapper) this.inChild.retrieve("k").join()).get()).isEqualTo("v");
        this.inMain.put("null", null);
        ValueWrapper cachedNull = (ValueWrapper) this.inChild.retrieve("null").join();
        assertThat(cachedNull).isNotNull();
        assertThat(cachedNull.get()).isNull();
    }

    @Test
    void retrieveWithALoaderLoadsOnceAndStores() throws Exception {
        CompletableFuture<String> first = this.inChild.retrieve("k", () -> CompletableFuture.completedFuture("v"));
        assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo("v");
        CompletableFuture<String> second = this.inMain.retrieve("k",
                () -> CompletableFuture.failedFuture(new AssertionError("must not load")));
        assertThat(second.get(20, TimeUnit.SECONDS)).isEqualTo("v");
    }

    @Test
    void putReplacesWhatALoaderStored() {
        this.inMain.get("k", () -> "loaded");
        this.inChild.put("k", "put");
        assertThat(this.inMain.get("k", () -> "unused")).isEqualTo("put");
        KeyValueStore store = this.inMain.getNativeCache();
        assertThat(store.keys("cache-lock:*")).isEmpty();
    }
}
