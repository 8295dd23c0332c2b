package io.sharedmemory.actuate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.sharedmemory.autoconfigure.SharedMemoryAutoConfiguration;
import io.sharedmemory.autoconfigure.SharedMemoryEndpointAutoConfiguration;
import io.sharedmemory.autoconfigure.SharedMemoryHealthContributorAutoConfiguration;
import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.redis.TestRedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code sharedMemory} health contributor and the {@code sharedmemory} endpoint: when they
 * exist, and what they report in each role.
 */
class SharedMemoryActuatorAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SharedMemoryAutoConfiguration.class,
                SharedMemoryHealthContributorAutoConfiguration.class, SharedMemoryEndpointAutoConfiguration.class));

    @TempDir
    Path directory;

    @Test
    void mainIsUpWhileListeningWithItsSocketChildrenAndKeys() {
        Path socket = this.directory.resolve("h.sock");
        this.runner.withPropertyValues("shared-memory.socket-path=" + socket).run((context) -> {
            context.getBean(KeyValueStore.class).set("k", "v");
            Health health = context.getBean("sharedMemoryHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("role", "main").containsEntry("socketPath", socket.toString())
                .containsEntry("children", 0).containsEntry("keys", 1);
        });
    }

    @Test
    void aChildIsDownWithTheReasonWhileMainIsAwayAndUpOnceConnected() {
        Path socket = this.directory.resolve("c.sock");
        this.runner.withPropertyValues("shared-memory.role=child", "shared-memory.socket-path=" + socket)
            .run((context) -> {
                HealthIndicator indicator = context.getBean("sharedMemoryHealthIndicator", HealthIndicator.class);
                Health down = indicator.health();
                assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                assertThat(down.getDetails()).containsEntry("role", "child");
                assertThat((String) down.getDetails().get("reason")).contains("reconnecting");
                try (SharedMemoryStore main = SharedMemory.builder().socketPath(socket).startMain()) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> indicator.health().getStatus() == Status.UP);
                }
            });
    }

    @Test
    void redisIsUpWhenRedisAnswersAPingAndDownWhenNothingListens() {
        ApplicationContextRunner redis = this.runner
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
            .withPropertyValues("shared-memory.role=redis", "spring.data.redis.host=127.0.0.1",
                    "shared-memory.request-timeout=1s", "shared-memory.redis.key-prefix=h-" + UUID.randomUUID() + ":");
        redis.withPropertyValues("spring.data.redis.port=" + TestRedisServer.shared().port()).run((context) -> {
            Health health = context.getBean("sharedMemoryHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("role", "redis").containsKey("pingMillis");
        });
        // Port 1 on the loopback: nothing listens, so nothing answers.
        redis.withPropertyValues("spring.data.redis.port=1").run((context) -> {
            Health health = context.getBean("sharedMemoryHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("role", "redis").containsKey("error");
        });
    }

    @Test
    void theHealthContributorCanBeTurnedOffLikeBootsOwn() {
        this.runner.withPropertyValues("shared-memory.socket-path=" + this.directory.resolve("o.sock"),
                "management.health.shared-memory.enabled=false")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SharedMemoryHealthIndicator.class));
    }

    @Test
    void withoutTheHealthModuleOrActuatorTheStoreStillWorks() {
        this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class, Endpoint.class))
            .withPropertyValues("shared-memory.socket-path=" + this.directory.resolve("n.sock"),
                    "management.endpoints.web.exposure.include=sharedmemory")
            .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(KeyValueStore.class)
                .doesNotHaveBean(SharedMemoryHealthIndicator.class).doesNotHaveBean(SharedMemoryEndpoint.class));
    }

    @Test
    void theEndpointExistsOnlyWhenExposed() {
        this.runner.withPropertyValues("shared-memory.socket-path=" + this.directory.resolve("e.sock"))
            .run((context) -> assertThat(context).doesNotHaveBean(SharedMemoryEndpoint.class));
    }

    @Test
    void theEndpointShowsMainsChildrenWithTheirSubscriptions() {
        Path socket = this.directory.resolve("x.sock");
        this.runner.withPropertyValues("shared-memory.socket-path=" + socket,
                "management.endpoints.web.exposure.include=sharedmemory").run((context) -> {
            context.getBean(KeyValueStore.class).set("k", "v");
            try (SharedMemoryStore child = SharedMemory.builder().socketPath(socket).connectChild()) {
                child.subscribe("news", (message) -> { });
                child.subscribePattern("jobs.*", (channel, message) -> { });
                SharedMemoryEndpoint endpoint = context.getBean(SharedMemoryEndpoint.class);
                await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.store().children().size() == 1);
                SharedMemoryEndpoint.StoreDescriptor store = endpoint.store();
                assertThat(store.role()).isEqualTo("main");
                assertThat(store.available()).isTrue();
                assertThat(store.keys()).isEqualTo(1);
                SharedMemoryEndpoint.ChildDescriptor seen = store.children().get(0);
                assertThat(seen.pid()).isEqualTo(ProcessHandle.current().pid());
                assertThat(seen.user()).isEqualTo(System.getProperty("user.name"));
                assertThat(seen.channels()).containsExactly("news");
                assertThat(seen.patterns()).containsExactly("jobs.*");
                assertThat(seen.pendingMessages()).isZero();
            }
        });
    }

    @Test
    void theEndpointCountsKeysThroughAChild() {
        Path socket = this.directory.resolve("k.sock");
        try (SharedMemoryStore main = SharedMemory.builder().socketPath(socket).startMain()) {
            main.setAll(Map.of("a", 1, "b", 2));
            this.runner.withPropertyValues("shared-memory.role=child", "shared-memory.socket-path=" + socket,
                    "management.endpoints.web.exposure.include=sharedmemory").run((context) -> {
                SharedMemoryEndpoint endpoint = context.getBean(SharedMemoryEndpoint.class);
                await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.store().available());
                assertThat(endpoint.store().role()).isEqualTo("child");
                assertThat(endpoint.store().keys()).isEqualTo(2);
                assertThat(endpoint.store().children()).isNull();
            });
        }
    }
}
