package io.sharedmemory.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.Role;
import io.sharedmemory.spring.FakeKeyValueStore;
import io.sharedmemory.spring.cache.SharedMemoryCache;
import io.sharedmemory.spring.cache.SharedMemoryCacheManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.interceptor.CacheResolver;
import org.springframework.cache.interceptor.SimpleCacheResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conditions of {@link SharedMemoryCacheAutoConfiguration}, next to Spring Boot's own cache
 * auto-configuration, on a real main store.
 */
class SharedMemoryCacheAutoConfigurationTests {

    @TempDir
    Path directory;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SharedMemoryAutoConfiguration.class,
                    SharedMemoryCacheAutoConfiguration.class, CacheAutoConfiguration.class))
            .withPropertyValues("shared-memory.socket-path=" + this.directory.resolve("s.sock"));
    }

    @Test
    void enabledWithEnableCachingGivesTheOnlyCacheManagerAndCachedCallsHitTheStore() {
        runner().withUserConfiguration(CachingConfiguration.class)
            .withPropertyValues("shared-memory.cache.enabled=true")
            .run((context) -> {
                assertThat(context).hasSingleBean(CacheManager.class).hasBean("cacheManager");
                SharedMemoryCacheManager manager = context.getBean(SharedMemoryCacheManager.class);
                assertThat(manager.getStore()).isSameAs(context.getBean(KeyValueStore.class));
                assertThat(manager.isDynamic()).isTrue();
                assertThat(manager.getTimeToLive()).isNull();
                Squares squares = context.getBean(Squares.class);
                assertThat(squares.square(12)).isEqualTo(144L);
                assertThat(squares.square(12)).isEqualTo(144L);
                assertThat(squares.calls()).isEqualTo(1);
                assertThat(context.getBean(KeyValueStore.class).get("cache:squares:#Integer(12)")).isEqualTo(144L);
            });
    }

    @Test
    void offByDefaultSoBootCreatesItsOwn() {
        runner().withUserConfiguration(CachingConfiguration.class).run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(SharedMemoryCacheManager.class)
                .hasSingleBean(CacheManager.class);
        });
    }

    @Test
    void explicitlyOffCreatesNothing() {
        runner().withUserConfiguration(CachingConfiguration.class)
            .withPropertyValues("shared-memory.cache.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(SharedMemoryCacheManager.class));
    }

    @Test
    void withoutEnableCachingCreatesNothing() {
        runner().withPropertyValues("shared-memory.cache.enabled=true")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CacheManager.class));
    }

    @Test
    void theWholeStarterOffCreatesNoCacheManagerEither() {
        runner().withUserConfiguration(CachingConfiguration.class)
            .withPropertyValues("shared-memory.cache.enabled=true", "shared-memory.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(SharedMemoryCacheManager.class));
    }

    @Test
    void anApplicationCacheManagerMakesItBackOff() {
        runner().withUserConfiguration(CachingConfiguration.class, UserCacheManagerConfiguration.class)
            .withPropertyValues("shared-memory.cache.enabled=true")
            .run((context) -> assertThat(context).hasSingleBean(CacheManager.class)
                .doesNotHaveBean(SharedMemoryCacheManager.class)
                .getBean(CacheManager.class).isInstanceOf(ConcurrentMapCacheManager.class));
    }

    @Test
    void anApplicationCacheResolverMakesItBackOffAsBootsDoes() {
        runner().withUserConfiguration(CachingConfiguration.class, UserCacheResolverConfiguration.class)
            .withPropertyValues("shared-memory.cache.enabled=true")
            .run((context) -> assertThat(context).doesNotHaveBean(SharedMemoryCacheManager.class));
    }

    @Test
    void withoutSpringsCacheAbstractionOnTheClassPathCreatesNothing() {
        runner().withClassLoader(new FilteredClassLoader(CacheManager.class))
            .withPropertyValues("shared-memory.cache.enabled=true")
            .run((context) -> {
                assertThat(context).hasNotFailed().hasSingleBean(KeyValueStore.class)
                    .doesNotHaveBean(SharedMemoryCacheManager.class);
                assertThat(ConditionEvaluationReport.get(context.getBeanFactory())
                    .getConditionAndOutcomesBySource()
                    .get(SharedMemoryCacheAutoConfiguration.class.getName())
                    .iterator()
                    .next()
                    .getOutcome()
                    .getMessage()).contains("org.springframework.cache.CacheManager");
            });
    }

    @Test
    void cacheNamesFixTheCachesAndTimeToLiveBinds() {
        runner().withUserConfiguration(CachingConfiguration.class)
            .withPropertyValues("shared-memory.cache.enabled=true", "shared-memory.cache.cache-names=squares, users",
                    "shared-memory.cache.time-to-live=90s")
            .run((context) -> {
                SharedMemoryCacheManager manager = context.getBean(SharedMemoryCacheManager.class);
                assertThat(manager.getCacheNames()).containsExactly("squares", "users");
                assertThat(manager.getCache("other")).isNull();
                assertThat(manager.getTimeToLive()).isEqualTo(Duration.ofSeconds(90));
                assertThat(((SharedMemoryCache) manager.getCache("users")).getTimeToLive())
                    .isEqualTo(Duration.ofSeconds(90));
            });
    }

    @Test
    void worksInTheChildRoleAndOnAnApplicationStore() {
        runner().withUserConfiguration(CachingConfiguration.class)
            .withPropertyValues("shared-memory.cache.enabled=true", "shared-memory.role=child")
            .run((context) -> assertThat(context.getBean(SharedMemoryCacheManager.class).getStore().role())
                .isEqualTo(Role.CHILD));
        runner().withUserConfiguration(CachingConfiguration.class)
            .withBean(KeyValueStore.class, FakeKeyValueStore::new)
            .withPropertyValues("shared-memory.cache.enabled=true")
            .run((context) -> assertThat(context.getBean(SharedMemoryCacheManager.class).getStore())
                .isInstanceOf(FakeKeyValueStore.class));
    }

    @Test
    void aTimeToLiveThatIsNotADurationFailsStartupNamingTheProperty() {
        runner().withUserConfiguration(CachingConfiguration.class)
            .withPropertyValues("shared-memory.cache.enabled=true", "shared-memory.cache.time-to-live=soon")
            .run((context) -> assertThat(context.getStartupFailure())
                .hasStackTraceContaining("shared-memory.cache.time-to-live")
                .hasStackTraceContaining("soon"));
    }

    @Test
    void aTimeToLiveThatIsNotPositiveFailsStartupNamingTheProperty() {
        runner().withUserConfiguration(CachingConfiguration.class)
            .withPropertyValues("shared-memory.cache.enabled=true", "shared-memory.cache.time-to-live=0s")
            .run((context) -> assertThat(context).hasFailed().getFailure()
                .rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("shared-memory.cache.time-to-live"));
    }

    @Test
    void aBlankCacheNameFailsStartupNamingTheProperty() {
        runner().withUserConfiguration(CachingConfiguration.class)
            .withPropertyValues("shared-memory.cache.enabled=true", "shared-memory.cache.cache-names[0]=users",
                    "shared-memory.cache.cache-names[1]= ")
            .run((context) -> assertThat(context).hasFailed().getFailure()
                .rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("shared-memory.cache.cache-names"));
    }

    @Test
    void anEnabledFlagThatIsNotABooleanFailsStartupNamingTheProperty() {
        runner().withUserConfiguration(CachingConfiguration.class)
            .withPropertyValues("shared-memory.cache.enabled=maybe")
            .run((context) -> assertThat(context.getStartupFailure())
                .hasStackTraceContaining("shared-memory.cache.enabled"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class CachingConfiguration {

        @Bean
        Squares squares() {
            return new Squares();
        }
    }

    static class Squares {

        private final AtomicInteger calls = new AtomicInteger();

        @Cacheable("squares")
        public long square(int n) {
            this.calls.incrementAndGet();
            return (long) n * n;
        }

        /** Read through the proxy: its own fields are not the bean's. */
        public int calls() {
            return this.calls.get();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserCacheManagerConfiguration {

        @Bean
        CacheManager myCacheManager() {
            return new ConcurrentMapCacheManager();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserCacheResolverConfiguration implements CachingConfigurer {

        @Bean
        @Override
        public CacheResolver cacheResolver() {
            return new SimpleCacheResolver(new ConcurrentMapCacheManager());
        }
    }
}
