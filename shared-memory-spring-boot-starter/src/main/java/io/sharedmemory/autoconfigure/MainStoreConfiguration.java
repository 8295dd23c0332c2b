package io.sharedmemory.autoconfigure;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.Role;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.spring.ChildConnectionSettings;
import io.sharedmemory.spring.ChildProcessLauncher;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Role {@code main}: the store that owns the data and binds the socket, and the child launcher. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.MAIN)
class MainStoreConfiguration {

    /** The launcher; children connect to this process's socket. */
    @Bean
    @ConditionalOnMissingBean
    ChildProcessLauncher childProcessLauncher(SharedMemoryProperties properties, ApplicationContext context) {
        return StoreBeans.launcher(properties, context, ChildConnectionSettings.socket(properties.getSocketPath()));
    }

    /** The store and its lifecycle, unless the application defines its own {@link KeyValueStore}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(KeyValueStore.class)
    static class Store {

        /** The store, built from the properties but not started: its lifecycle starts it. */
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
}
