package io.sharedmemory.autoconfigure;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.sharedmemory.actuate.SharedMemoryMetrics;
import io.sharedmemory.actuate.SharedMemoryStoreMeters;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.StoreObserver;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters of the store, when Micrometer is present: the store reports to a
 * {@link SharedMemoryMetrics} observer, which Spring Boot binds to the application's registry
 * like any {@link MeterBinder}; in role main, gauges of children and keys.
 */
@AutoConfiguration(after = SharedMemoryAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
public class SharedMemoryMetricsAutoConfiguration {

    /**
     * The observer the store is built with.
     * @return the observer
     */
    @Bean
    @ConditionalOnMissingBean(StoreObserver.class)
    SharedMemoryMetrics sharedMemoryMetrics() {
        return new SharedMemoryMetrics();
    }

    /**
     * Main's gauges.
     * @param store the store
     * @return the binder
     */
    @Bean
    @ConditionalOnBean(SharedMemoryStore.class)
    @ConditionalOnMissingBean
    SharedMemoryStoreMeters sharedMemoryStoreMeters(SharedMemoryStore store) {
        return new SharedMemoryStoreMeters(store);
    }
}
