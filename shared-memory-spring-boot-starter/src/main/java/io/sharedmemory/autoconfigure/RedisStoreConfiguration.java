package io.sharedmemory.autoconfigure;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.Role;
import io.sharedmemory.core.SharedMemorySettings;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.StoreObserver;
import io.sharedmemory.core.internal.codec.ValueCodec;
import io.sharedmemory.core.internal.nearcache.NearCacheSettings;
import io.sharedmemory.core.internal.nearcache.NearCachedStore;
import io.sharedmemory.redis.RedisClientTracking;
import io.sharedmemory.redis.RedisKeyValueStore;
import io.sharedmemory.spring.ChildConnectionSettings;
import io.sharedmemory.spring.ChildProcessLauncher;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Role {@code redis}: the store on the application's Redis, through Spring Boot's
 * auto-configured {@link RedisConnectionFactory} ({@code spring.data.redis.*}), and a child
 * launcher whose children join the same Redis. Without Spring Data Redis and Lettuce on the
 * class path startup fails naming {@code spring-boot-starter-data-redis}. With
 * {@code shared-memory.near-cache.enabled} the store reads through a near cache invalidated by
 * Redis's client tracking ({@link RedisClientTracking}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.REDIS)
@Import({ RedisStoreConfiguration.OnLettuce.class, RedisStoreConfiguration.WithoutRedis.class })
class RedisStoreConfiguration {

    static final String LETTUCE_FACTORY = "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory";

    /** Spring Data Redis with Lettuce is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = { LETTUCE_FACTORY, "io.lettuce.core.RedisClient" })
    static class OnLettuce {

        /** The launcher; children get role redis and this process's Redis connection properties. */
        @Bean
        @ConditionalOnMissingBean
        ChildProcessLauncher childProcessLauncher(SharedMemoryProperties properties, ApplicationContext context,
                Environment environment) {
            return StoreBeans.launcher(properties, context, ChildConnectionSettings.redis(
                    properties.getRedis().getKeyPrefix(), RedisChildEnvironment.of(environment)));
        }

        /** The store and its lifecycle, unless the application defines its own {@link KeyValueStore}. */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnMissingBean(KeyValueStore.class)
        static class Store {

            /** The store, on the application's connection factory; its lifecycle connects it. */
            @Bean
            SharedMemoryStore sharedMemoryStore(SharedMemoryProperties properties, ApplicationContext context,
                    ObjectProvider<SharedMemoryBuilderCustomizer> customizers,
                    ObjectProvider<RedisConnectionFactory> connectionFactory, ObjectProvider<StoreObserver> observer) {
                SharedMemorySettings settings = SharedMemoryStoreFactory.settings(properties,
                        StoreBeans.classLoader(context), customizers.orderedStream().toList());
                String prefix = (properties.getRedis().getKeyPrefix() != null) ? properties.getRedis().getKeyPrefix() : "";
                LettuceConnectionFactory lettuce = lettuce(connectionFactory.getIfAvailable());
                StoreObserver storeObserver = observer.getIfUnique(() -> StoreObserver.NONE);
                RedisKeyValueStore store = new RedisKeyValueStore(settings, prefix, lettuce, storeObserver);
                NearCacheSettings nearCache = SharedMemoryStoreFactory.nearCache(properties);
                if (nearCache == null) {
                    return store;
                }
                if (lettuce.isClusterAware()) {
                    throw new InvalidConfigurationPropertyValueException("shared-memory.near-cache.enabled", true,
                            "the near cache of role redis tracks keys on one Redis: use a standalone or Sentinel Redis");
                }
                return new NearCachedStore(store, new RedisClientTracking(lettuce, prefix, settings.requestTimeout()),
                        nearCache, new ValueCodec(settings.trustedPackages(), settings.classLoader()), storeObserver);
            }

            /** Starts the store with the context and closes it when the context stops. */
            @Bean
            SharedMemoryStoreLifecycle sharedMemoryStoreLifecycle(SharedMemoryStore sharedMemoryStore) {
                return new SharedMemoryStoreLifecycle(sharedMemoryStore);
            }

            private static LettuceConnectionFactory lettuce(RedisConnectionFactory factory) {
                if (factory instanceof LettuceConnectionFactory lettuce) {
                    return lettuce;
                }
                if (factory == null) {
                    throw new MissingRedisDependencyException("no RedisConnectionFactory bean is defined");
                }
                throw new InvalidConfigurationPropertyValueException("spring.data.redis.client-type",
                        factory.getClass().getSimpleName(), "shared-memory.role=redis runs on Lettuce: "
                                + "use Spring Boot's default client (lettuce)");
            }
        }
    }

    /** Spring Data Redis or Lettuce is missing: startup fails, naming what to add. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass(LETTUCE_FACTORY)
    static class WithoutRedis {

        @Bean
        SharedMemoryStore sharedMemoryStore() {
            throw new MissingRedisDependencyException("Spring Data Redis is not on the class path");
        }
    }
}
