package io.sharedmemory.autoconfigure;

import io.sharedmemory.actuate.SharedMemoryHealthIndicator;
import io.sharedmemory.core.SharedMemoryStore;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code sharedMemory} health contributor, when Spring Boot's health module is present;
 * {@code management.health.shared-memory.enabled=false} turns it off, as for Boot's own.
 */
@AutoConfiguration(after = SharedMemoryAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(SharedMemoryStore.class)
@ConditionalOnEnabledHealthIndicator("shared-memory")
public class SharedMemoryHealthContributorAutoConfiguration {

    /**
     * The indicator; its bean name makes the contributor {@code sharedMemory}.
     * @param store the store
     * @return the indicator
     */
    @Bean
    @ConditionalOnMissingBean(name = "sharedMemoryHealthIndicator")
    SharedMemoryHealthIndicator sharedMemoryHealthIndicator(SharedMemoryStore store) {
        return new SharedMemoryHealthIndicator(store);
    }
}
