package io.sharedmemory.autoconfigure;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.spring.ApplicationCommand;
import io.sharedmemory.spring.ChildProcessLauncher;
import io.sharedmemory.spring.SharedMemoryListenerAnnotationBeanPostProcessor;
import io.sharedmemory.spring.SharedMemoryListenerEndpointRegistry;
import io.sharedmemory.spring.SharedMemoryPayloadConverter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration for shared-memory: one {@link KeyValueStore} in the role that
 * {@code shared-memory.role} names (started and stopped with the context), the
 * {@link io.sharedmemory.spring.SharedMemoryListener @SharedMemoryListener} support, and, in the
 * main role, a {@link ChildProcessLauncher}. A user-defined {@code KeyValueStore} bean replaces
 * the store; {@code shared-memory.enabled=false} turns everything off.
 */
@AutoConfiguration
@ConditionalOnClass(KeyValueStore.class)
@ConditionalOnProperty(prefix = "shared-memory", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(SharedMemoryProperties.class)
public class SharedMemoryAutoConfiguration {

    /**
     * Registers the post-processor that finds listener methods. Static, because a bean
     * post-processor must be created before the beans it processes.
     * @return the post-processor
     */
    @Bean(name = SharedMemoryListenerAnnotationBeanPostProcessor.BEAN_NAME)
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static SharedMemoryListenerAnnotationBeanPostProcessor sharedMemoryListenerAnnotationBeanPostProcessor() {
        return new SharedMemoryListenerAnnotationBeanPostProcessor();
    }

    /**
     * The registry that subscribes listener methods once the context has started.
     * @param store the store, looked up only when the registry starts
     * @return the registry
     */
    @Bean
    @ConditionalOnMissingBean
    SharedMemoryListenerEndpointRegistry sharedMemoryListenerEndpointRegistry(ObjectProvider<KeyValueStore> store) {
        return new SharedMemoryListenerEndpointRegistry(store::getObject);
    }

    /**
     * Converts messages to the payload types listener methods declare.
     * @return the converter
     */
    @Bean
    @ConditionalOnMissingBean
    SharedMemoryPayloadConverter sharedMemoryPayloadConverter() {
        // Its own mapper: the application's JSON settings (naming strategies, say) are about its
        // HTTP payloads, not about how a Map published on a channel binds to a record.
        return new SharedMemoryPayloadConverter(ApplicationConversionService.getSharedInstance(),
                JsonMapper.builder().build());
    }

    /** The store and its lifecycle, unless the application defines its own {@link KeyValueStore}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(KeyValueStore.class)
    static class StoreConfiguration {

        /** The store, built from the properties but not started: its lifecycle starts it. */
        @Bean
        SharedMemoryStore sharedMemoryStore(SharedMemoryProperties properties, ApplicationContext context,
                ObjectProvider<SharedMemoryBuilderCustomizer> customizers) {
            ClassLoader classLoader = (context.getClassLoader() != null) ? context.getClassLoader()
                    : ClassUtils.getDefaultClassLoader();
            return SharedMemoryStoreFactory.create(properties, classLoader, customizers.orderedStream().toList());
        }

        /** Starts the store with the context and closes it when the context stops. */
        @Bean
        SharedMemoryStoreLifecycle sharedMemoryStoreLifecycle(SharedMemoryStore sharedMemoryStore) {
            return new SharedMemoryStoreLifecycle(sharedMemoryStore);
        }
    }

    /** The child process launcher, in the main role only. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "shared-memory", name = "role", havingValue = "main", matchIfMissing = true)
    static class LauncherConfiguration {

        /** The launcher; children connect to this process's socket. */
        @Bean
        @ConditionalOnMissingBean
        ChildProcessLauncher childProcessLauncher(SharedMemoryProperties properties, ApplicationContext context) {
            ApplicationCommand command = new ApplicationCommand(properties.getLauncher().getMainClass(),
                    () -> applicationClass(context));
            return new ChildProcessLauncher(properties.getSocketPath(), command,
                    properties.getLauncher().getStopTimeout());
        }

        private static Class<?> applicationClass(ApplicationContext context) {
            String[] names = context.getBeanNamesForAnnotation(SpringBootConfiguration.class);
            if (names.length != 1) {
                return null;
            }
            Class<?> type = context.getType(names[0]);
            return (type != null) ? ClassUtils.getUserClass(type) : null;
        }
    }
}
