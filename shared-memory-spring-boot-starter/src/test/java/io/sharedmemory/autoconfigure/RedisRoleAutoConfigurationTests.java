package io.sharedmemory.autoconfigure;

import java.util.UUID;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.Role;
import io.sharedmemory.redis.RedisKeyValueStore;
import io.sharedmemory.redis.TestRedisServer;
import io.sharedmemory.spring.ChildProcessLauncher;
import io.sharedmemory.spring.FakeKeyValueStore;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Role {@code redis}: the store on Spring Boot's auto-configured Redis connection factory, against
 * a real redis-server, and what happens when that role cannot run.
 */
class RedisRoleAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, SharedMemoryAutoConfiguration.class))
        .withPropertyValues("shared-memory.role=redis", "spring.data.redis.host=127.0.0.1",
                "spring.data.redis.port=" + TestRedisServer.shared().port(),
                "shared-memory.redis.key-prefix=auto-" + UUID.randomUUID() + ":");

    @Test
    void roleRedisGivesAStartedRedisStoreOnBootsConnectionFactoryAndALauncher() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(KeyValueStore.class).hasSingleBean(ChildProcessLauncher.class)
                .hasSingleBean(SharedMemoryStoreLifecycle.class);
            RedisKeyValueStore store = context.getBean(RedisKeyValueStore.class);
            assertThat(store.role()).isEqualTo(Role.REDIS);
            assertThat(store.isRunning()).isTrue();
            assertThat(store.endpoint()).isEqualTo("redis 127.0.0.1:" + TestRedisServer.shared().port());
            assertThat(store.keyPrefix()).startsWith("auto-");
            store.set("greeting", "hello");
            LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
            try (var connection = factory.getConnection()) {
                assertThat(connection.keyCommands().exists((store.keyPrefix() + "greeting").getBytes())).isTrue();
            }
        });
    }

    @Test
    void theKeyPrefixSeparatesApplicationsOnOneRedis() {
        this.runner.withPropertyValues("shared-memory.redis.key-prefix=app-a:").run((a) -> this.runner
            .withPropertyValues("shared-memory.redis.key-prefix=app-b:").run((b) -> {
                KeyValueStore storeA = a.getBean(KeyValueStore.class);
                KeyValueStore storeB = b.getBean(KeyValueStore.class);
                storeA.set("same-key", "from a");
                storeB.set("same-key", "from b");
                assertThat(storeA.get("same-key")).isEqualTo("from a");
                assertThat(storeB.get("same-key")).isEqualTo("from b");
                storeA.delete("same-key");
                storeB.delete("same-key");
            }));
    }

    @Test
    void anApplicationStoreMakesTheRedisStoreBackOff() {
        this.runner.withBean(KeyValueStore.class, () -> new FakeKeyValueStore(Role.REDIS)).run((context) -> {
            assertThat(context).hasSingleBean(KeyValueStore.class).doesNotHaveBean(RedisKeyValueStore.class)
                .doesNotHaveBean(SharedMemoryStoreLifecycle.class);
        });
    }

    @Test
    void outOfRangeLimitsFailNamingThePropertyInTheRedisRoleToo() {
        this.runner.withPropertyValues("shared-memory.max-pending-messages=0").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
                        (ex) -> assertThat(ex.getName()).isEqualTo("shared-memory.max-pending-messages"));
        });
    }

    @Test
    void withoutSpringDataRedisStartupFailsNamingTheDependency() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SharedMemoryAutoConfiguration.class))
            .withClassLoader(new FilteredClassLoader(LettuceConnectionFactory.class))
            .withPropertyValues("shared-memory.role=redis")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause().isInstanceOf(MissingRedisDependencyException.class);
                FailureAnalysis analysis = new MissingRedisDependencyFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("spring-boot-starter-data-redis");
                assertThat(analysis.getAction()).contains("org.springframework.boot:spring-boot-starter-data-redis");
            });
    }

    @Test
    void withoutAConnectionFactoryStartupFailsNamingTheDependency() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SharedMemoryAutoConfiguration.class))
            .withPropertyValues("shared-memory.role=redis")
            .run((context) -> assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(MissingRedisDependencyException.class)
                .hasMessageContaining("no RedisConnectionFactory bean"));
    }

    @Test
    void childrenGetTheRedisPropertiesAsBootsEnvironmentVariables() {
        assertThat(RedisChildEnvironment.variable(ConfigurationPropertyName.of("spring.data.redis.client-name")))
            .isEqualTo("SPRING_DATA_REDIS_CLIENTNAME");
        assertThat(RedisChildEnvironment.variable(ConfigurationPropertyName.of("spring.data.redis.cluster.nodes[0]")))
            .isEqualTo("SPRING_DATA_REDIS_CLUSTER_NODES_0");
        this.runner.withPropertyValues("spring.data.redis.client-name=app").run((context) -> {
            var environment = RedisChildEnvironment.of(context.getEnvironment());
            assertThat(environment).containsEntry("SPRING_DATA_REDIS_HOST", "127.0.0.1")
                .containsEntry("SPRING_DATA_REDIS_PORT", Integer.toString(TestRedisServer.shared().port()))
                .containsEntry("SPRING_DATA_REDIS_CLIENTNAME", "app");
        });
    }
}
