package io.sharedmemory.actuate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code shared.memory.near.cache.gets}: one counter per result, counted once bound. */
class NearCacheMetricsTests {

    @Test
    void nearCacheGetsAreCountedByResult() {
        SharedMemoryMetrics metrics = new SharedMemoryMetrics();
        metrics.nearCacheGet(true);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        metrics.nearCacheGet(true);
        metrics.nearCacheGet(true);
        metrics.nearCacheGet(false);
        assertThat(registry.get(SharedMemoryMetrics.NEAR_CACHE_GETS).tag("result", "hit").counter().count())
            .isEqualTo(2.0);
        assertThat(registry.get(SharedMemoryMetrics.NEAR_CACHE_GETS).tag("result", "miss").counter().count())
            .isEqualTo(1.0);
    }
}
