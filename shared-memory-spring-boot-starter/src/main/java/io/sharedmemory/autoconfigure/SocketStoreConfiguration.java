package io.sharedmemory.autoconfigure;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.StoreObserver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The store of the two socket roles, built by the core's builder in the role the properties
 * name, and its lifecycle; imported by {@link MainStoreConfiguration} and
 * {@link ChildStoreConfiguration}, unless the application defines its own {@link KeyValueStore}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean(KeyValueStore.class)
class SocketStoreConfiguration {

    /** The store, built from the properties but not started: its lifecycle starts it. */
    @Bean
    SharedMemoryStore sharedMemoryStore(SharedMemoryProperties properties, ApplicationContext context,
            ObjectProvider<SharedMemoryBuilderCustomizer> customizers, ObjectProvider<StoreObserver> observer) {
        return SharedMemoryStoreFactory.create(properties, StoreBeans.classLoader(context),
                customizers.orderedStream().toList(), observer.getIfUnique(() -> StoreObserver.NONE));
    }

    /** Starts the store with the context and closes it when the context stops. */
    @Bean
    SharedMemoryStoreLifecycle sharedMemoryStoreLifecycle(SharedMemoryStore sharedMemoryStore) {
        return new SharedMemoryStoreLifecycle(sharedMemoryStore);
    }
}
