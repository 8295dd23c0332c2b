package io.sharedmemory.autoconfigure;

import io.sharedmemory.actuate.SharedMemoryEndpoint;
import io.sharedmemory.core.SharedMemoryStore;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code sharedmemory} actuator endpoint, when Actuator is present and the endpoint is
 * available (enabled and exposed, e.g. {@code management.endpoints.web.exposure.include=sharedmemory}).
 */
@AutoConfiguration(after = SharedMemoryAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnAvailableEndpoint(SharedMemoryEndpoint.class)
public class SharedMemoryEndpointAutoConfiguration {

    /**
     * The endpoint.
     * @param store the store
     * @return the endpoint
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(SharedMemoryStore.class)
    SharedMemoryEndpoint sharedMemoryEndpoint(SharedMemoryStore store) {
        return new SharedMemoryEndpoint(store);
    }
}
