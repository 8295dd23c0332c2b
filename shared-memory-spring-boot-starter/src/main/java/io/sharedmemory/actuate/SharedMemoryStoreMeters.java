package io.sharedmemory.actuate;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.internal.server.MainKeyValueStore;

/**
 * Main's gauges: {@code shared.memory.children} (connected children) and
 * {@code shared.memory.keys} (live keys). Other roles hold no data and no children, so they
 * register none.
 */
public class SharedMemoryStoreMeters implements MeterBinder {

    private final SharedMemoryStore store;

    /**
     * Creates the binder.
     * @param store the application's store
     */
    public SharedMemoryStoreMeters(SharedMemoryStore store) {
        this.store = store;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (this.store instanceof MainKeyValueStore main) {
            Gauge.builder("shared.memory.children", main, MainKeyValueStore::connectedChildren)
                .description("Children connected to main").register(registry);
            Gauge.builder("shared.memory.keys", main, MainKeyValueStore::size)
                .description("Live keys in main's store").register(registry);
        }
    }
}
