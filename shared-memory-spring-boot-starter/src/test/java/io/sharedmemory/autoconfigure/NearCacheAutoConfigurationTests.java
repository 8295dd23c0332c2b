package io.sharedmemory.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.Role;
import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.internal.nearcache.NearCachedStore;
import io.sharedmemory.redis.RedisKeyValueStore;
import io.sharedmemory.redis.TestRedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code shared-memory.near-cache.*}: off by default, ignored by role main (so one configuration
 * serves main and children), a near-cached store in role redis, and bad values refused naming
 * their property.
 */
class NearCacheAutoConfigurationTests {

    private final ApplicationContextRunner socketRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SharedMemoryAutoConfiguration.class));

    private final ApplicationContextRunner redisRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, SharedMemoryAutoConfiguration.class))
        .withPropertyValues("shared-memory.role=redis", "spring.data.redis.host=127.0.0.1",
                "spring.data.redis.port=" + TestRedisServer.shared().port(),
                "shared-memory.redis.key-prefix=near-" + UUID.randomUUID() + ":");

    @TempDir
    Path directory;

    @Test
    void theNearCacheIsOffByDefaultWithTheContractDefaults() {
        NearCacheProperties properties = new SharedMemoryProperties().getNearCache();
        assertThat(properties.isEnabled()).isFalse();
        assertThat(properties.getKeys()).containsExactly("*");
        assertThat(properties.getMaxEntries()).isEqualTo(10_000);
        this.redisRunner.run((context) -> assertThat(context.getBean(KeyValueStore.class))
            .isInstanceOf(RedisKeyValueStore.class));
    }

    @Test
    void roleMainIgnoresTheNearCacheItsReadsAreInMemoryAlready() {
        this.socketRunner.withPropertyValues("shared-memory.socket-path=" + this.directory.resolve("m.sock"),
                "shared-memory.near-cache.enabled=true", "shared-memory.near-cache.max-entries=5").run((context) -> {
                    assertThat(context).hasNotFailed();
                    KeyValueStore store = context.getBean(KeyValueStore.class);
                    assertThat(store.role()).isEqualTo(Role.MAIN);
                    assertThat(store).isNotInstanceOf(NearCachedStore.class);
                });
    }

    @Test
    void roleRedisReadsThroughANearCacheThatRedisInvalidates() {
        this.redisRunner.withPropertyValues("shared-memory.near-cache.enabled=true",
                "shared-memory.near-cache.keys=config.*").run((context) -> {
                    NearCachedStore store = context.getBean(NearCachedStore.class);
                    assertThat(store.role()).isEqualTo(Role.REDIS);
                    assertThat(store.store()).isInstanceOf(RedisKeyValueStore.class);
                    String prefix = ((RedisKeyValueStore) store.store()).keyPrefix();
                    store.set("config.mode", "a");
                    // Cached once tracking is registered (in the background at startup).
                    await().untilAsserted(() -> {
                        assertThat(store.get("config.mode")).isEqualTo("a");
                        assertThat(store.cachedKeys()).isEqualTo(1);
                    });
                    store.get("other");
                    assertThat(store.cachedKeys()).isEqualTo(1);
                    // Another process (another store on the same Redis) changes the key.
                    try (RedisKeyValueStore other = new RedisKeyValueStore(SharedMemory.builder().settings(), prefix,
                            context.getBean(LettuceConnectionFactory.class))) {
                        other.start();
                        other.set("config.mode", "b");
                        await().untilAsserted(() -> assertThat(store.get("config.mode")).isEqualTo("b"));
                    }
                });
    }

    @Test
    void badNearCacheValuesFailNamingTheirPropertyInTheRedisAndChildRoles() {
        this.redisRunner.withPropertyValues("shared-memory.near-cache.enabled=true",
                "shared-memory.near-cache.max-entries=0").run((context) -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("shared-memory.near-cache.max-entries");
                });
        this.socketRunner.withPropertyValues("shared-memory.role=child",
                "shared-memory.socket-path=" + this.directory.resolve("c.sock"), "shared-memory.near-cache.enabled=true",
                "shared-memory.near-cache.keys=").run((context) -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("shared-memory.near-cache.keys");
                });
    }

    @Test
    void metadataDescribesTheNearCacheProperties() throws IOException {
        try (var input = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            var root = JsonMapper.builder().build().readTree(input);
            var byName = new java.util.HashMap<String, tools.jackson.databind.JsonNode>();
            root.get("properties").forEach((property) -> byName.put(property.get("name").asString(), property));
            assertThat(byName).containsKeys("shared-memory.near-cache.enabled", "shared-memory.near-cache.keys",
                    "shared-memory.near-cache.max-entries");
            List.of("enabled", "keys", "max-entries").forEach((name) -> assertThat(
                    byName.get("shared-memory.near-cache." + name).get("description")).isNotNull());
            assertThat(byName.get("shared-memory.near-cache.enabled").get("defaultValue").asBoolean()).isFalse();
            assertThat(byName.get("shared-memory.near-cache.max-entries").get("defaultValue").asInt()).isEqualTo(10000);
            assertThat(byName.get("shared-memory.near-cache.keys").get("defaultValue").get(0).asString()).isEqualTo("*");
        }
    }
}
