package io.sharedmemory.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.spring.cache.SharedMemoryCacheManager;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.context.annotation.Bean;

/**
 * Spring Cache on the store: with {@code shared-memory.cache.enabled=true} and
 * {@code @EnableCaching}, a {@link SharedMemoryCacheManager} over the {@link KeyValueStore} bean,
 * so a value cached in one process is a hit in every other. Like Spring Boot's own cache
 * auto-configuration, it backs off when the application defines a {@link CacheManager} (or a
 * {@code cacheResolver} bean); it runs before Boot's, which then finds this manager and creates
 * none of its own.
 */
@AutoConfiguration(after = SharedMemoryAutoConfiguration.class,
        beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnClass({ CacheManager.class, KeyValueStore.class })
@ConditionalOnProperty(prefix = "shared-memory", name = "enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("shared-memory.cache.enabled")
@ConditionalOnBean({ CacheAspectSupport.class, KeyValueStore.class })
@ConditionalOnMissingBean(value = CacheManager.class, name = "cacheResolver")
@EnableConfigurationProperties(SharedMemoryProperties.class)
public class SharedMemoryCacheAutoConfiguration {

    /**
     * The cache manager, named as Boot names its own.
     * @param store the store whose keys hold the entries
     * @param properties {@code shared-memory.cache.*}
     * @return the manager
     * @throws InvalidConfigurationPropertyValueException if a property has a value the cache cannot use
     */
    @Bean
    SharedMemoryCacheManager cacheManager(KeyValueStore store, SharedMemoryProperties properties) {
        SharedMemoryCacheProperties cache = properties.getCache();
        Duration timeToLive = cache.getTimeToLive();
        if (timeToLive != null && (timeToLive.isNegative() || timeToLive.isZero())) {
            throw new InvalidConfigurationPropertyValueException("shared-memory.cache.time-to-live", timeToLive,
                    "An entry's time to live must be positive; leave the property unset for entries that never expire.");
        }
        List<String> names = cache.getCacheNames();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new InvalidConfigurationPropertyValueException("shared-memory.cache.cache-names", names,
                        "A cache name must not be blank.");
            }
        }
        return new SharedMemoryCacheManager(store, timeToLive, names.stream().map(String::trim).toList(), true);
    }
}
