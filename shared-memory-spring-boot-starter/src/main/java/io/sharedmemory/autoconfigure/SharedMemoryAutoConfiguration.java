package io.sharedmemory.autoconfigure;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.spring.ParentProcessWatcher;
import io.sharedmemory.spring.SharedMemoryListenerAnnotationBeanPostProcessor;
import io.sharedmemory.spring.SharedMemoryListenerEndpointRegistry;
import io.sharedmemory.spring.SharedMemoryPayloadConverter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;

/**
 * Auto-configuration for shared-memory: one {@link KeyValueStore} in the role that
 * {@code shared-memory.role} names (started and stopped with the context), the
 * {@link io.sharedmemory.spring.SharedMemoryListener @SharedMemoryListener} support, and, in the
 * main and redis roles, a {@link io.sharedmemory.spring.ChildProcessLauncher}; in a launched child,
 * a {@link ParentProcessWatcher} that ends it with its parent. Each role is a
 * configuration of its own ({@link MainStoreConfiguration}, {@link ChildStoreConfiguration},
 * {@link RedisStoreConfiguration}). A user-defined {@code KeyValueStore} bean replaces the store;
 * {@code shared-memory.enabled=false} turns everything off.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass(KeyValueStore.class)
@ConditionalOnProperty(prefix = "shared-memory", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(SharedMemoryProperties.class)
@Import({ MainStoreConfiguration.class, ChildStoreConfiguration.class, RedisStoreConfiguration.class })
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
     * Ends this process with the one that launched it: present when a
     * {@link io.sharedmemory.spring.ChildProcessLauncher} started this process (it sets
     * {@code shared-memory.child.parent-pid}) and {@code shared-memory.child.exit-with-parent} is
     * not {@code false}.
     * @param properties the pid of the parent
     * @param context the context to close
     * @return the watcher
     */
    @Bean
    @ConditionalOnProperty(prefix = "shared-memory.child", name = "parent-pid")
    @ConditionalOnBooleanProperty(name = "shared-memory.child.exit-with-parent", matchIfMissing = true)
    ParentProcessWatcher sharedMemoryParentProcessWatcher(SharedMemoryProperties properties,
            ApplicationContext context) {
        // Closing the context runs every shutdown callback; exiting then ends threads the
        // application started and never stopped, which would keep an orphan alive.
        return new ParentProcessWatcher(properties.getChild().getParentPid(),
                () -> System.exit(SpringApplication.exit(context)));
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
}
