package io.sharedmemory.autoconfigure;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.Role;
import io.sharedmemory.core.SharedMemoryStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Role {@code child}: the store that reaches main over the socket, unless the application
 * defines its own {@link KeyValueStore}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.CHILD)
@ConditionalOnMissingBean(KeyValueStore.class)
class ChildStoreConfiguration {

    /** The store, built from the properties but not started: its lifecycle connects it. */
    @Bean
    SharedMemoryStore sharedMemoryStore(SharedMemoryProperties properties, ApplicationContext context,
            ObjectProvider<SharedMemoryBuilderCustomizer> customizers) {
        return SharedMemoryStoreFactory.create(properties, StoreBeans.classLoader(context),
                customizers.orderedStream().toList());
    }

    /** Starts the store with the context and closes it when the context stops. */
    @Bean
    SharedMemoryStoreLifecycle sharedMemoryStoreLifecycle(SharedMemoryStore sharedMemoryStore) {
        return new SharedMemoryStoreLifecycle(sharedMemoryStore);
    }
}
