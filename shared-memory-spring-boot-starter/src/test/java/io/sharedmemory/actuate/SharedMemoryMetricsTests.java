package io.sharedmemory.actuate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sharedmemory.autoconfigure.SharedMemoryAutoConfiguration;
import io.sharedmemory.autoconfigure.SharedMemoryMetricsAutoConfiguration;
import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.NotAnIntegerException;
import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.SharedMemoryUnavailableException;
import io.sharedmemory.core.StoreObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The store's meters: names and tags as the contract fixes them, recorded where each role makes
 * or serves its calls, and the auto-configuration that binds them to Spring Boot's registry.
 */
class SharedMemoryMetricsTests {

    @TempDir
    Path directory;

    @Test
    void aChildTimesItsCallsByOperationAndResultAndMainTimesWhatItServes() {
        SimpleMeterRegistry mainRegistry = new SimpleMeterRegistry();
        SharedMemoryMetrics mainMetrics = bound(mainRegistry);
        SimpleMeterRegistry childRegistry = new SimpleMeterRegistry();
        SharedMemoryMetrics childMetrics = bound(childRegistry);
        Path socket = this.directory.resolve("m.sock");
        try (SharedMemoryStore main = SharedMemory.builder().socketPath(socket).observer(mainMetrics).startMain();
                SharedMemoryStore child = SharedMemory.builder().socketPath(socket).observer(childMetrics)
                    .connectChild()) {
            child.set("k", "v");
            child.get("k");
            child.get("k");
            child.set("text", "not a number");
            assertThatThrownBy(() -> child.increment("text", 1)).isInstanceOf(NotAnIntegerException.class);
            child.async().get("k").join();

            assertThat(count(childRegistry, "get", "success")).isEqualTo(3);
            assertThat(count(childRegistry, "set", "success")).isEqualTo(2);
            assertThat(count(childRegistry, "increment", "error")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> count(mainRegistry, "get", "success") == 3);
            assertThat(count(mainRegistry, "increment", "error")).isEqualTo(1);
        }
        // Main is gone: a child's call now fails as unavailable (a fresh child never connects).
        try (SharedMemoryStore lonely = SharedMemory.builder().socketPath(socket).requestTimeout(Duration.ofMillis(200))
                .observer(childMetrics).connectChild()) {
            assertThatThrownBy(() -> lonely.get("k")).isInstanceOf(SharedMemoryUnavailableException.class);
        }
        assertThat(count(childRegistry, "get", "unavailable")).isEqualTo(1);
    }

    @Test
    void publishedAndDeliveredMessagesAndLostChildrenAreCounted() {
        SimpleMeterRegistry mainRegistry = new SimpleMeterRegistry();
        SharedMemoryMetrics mainMetrics = bound(mainRegistry);
        SimpleMeterRegistry childRegistry = new SimpleMeterRegistry();
        Path socket = this.directory.resolve("p.sock");
        List<Object> received = new CopyOnWriteArrayList<>();
        try (SharedMemoryStore main = SharedMemory.builder().socketPath(socket).observer(mainMetrics).startMain()) {
            main.subscribe("news", received::add);
            try (SharedMemoryStore child = SharedMemory.builder().socketPath(socket).observer(bound(childRegistry))
                    .connectChild()) {
                child.subscribe("news", received::add);
                child.publish("news", "one");
                main.publish("news", "two");
                await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 4);
                await().atMost(Duration.ofSeconds(5))
                    .until(() -> counter(childRegistry, "shared.memory.messages.delivered") == 2);
                assertThat(counter(childRegistry, "shared.memory.messages.published")).isEqualTo(1);
                assertThat(counter(mainRegistry, "shared.memory.messages.published")).isEqualTo(1);
                assertThat(counter(mainRegistry, "shared.memory.messages.delivered")).isEqualTo(2);
            }
            // The child went away: main counts it as lost.
            await().atMost(Duration.ofSeconds(5)).until(() -> mainRegistry.get("shared.memory.disconnects")
                .tag("reason", "lost").counter().count() == 1);
            assertThat(mainRegistry.get("shared.memory.disconnects").tag("reason", "too-slow").counter().count())
                .isZero();
        }
    }

    @Test
    void bootBindsTheMetersOfTheAutoConfiguredStoreToItsRegistry() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                    SharedMemoryAutoConfiguration.class, SharedMemoryMetricsAutoConfiguration.class))
            .withPropertyValues("shared-memory.socket-path=" + this.directory.resolve("b.sock"))
            .run((context) -> {
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                KeyValueStore store = context.getBean(KeyValueStore.class);
                store.set("a", 1);
                store.set("b", 2);
                assertThat(registry.get("shared.memory.keys").gauge().value()).isEqualTo(2);
                assertThat(registry.get("shared.memory.children").gauge().value()).isZero();
                store.publish("news", "hello");
                assertThat(counter(registry, "shared.memory.messages.published")).isEqualTo(1);
            });
    }

    @Test
    void withoutMicrometerTheStoreHasNoObserver() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SharedMemoryAutoConfiguration.class,
                    SharedMemoryMetricsAutoConfiguration.class))
            .withClassLoader(new FilteredClassLoader("io.micrometer"))
            .withPropertyValues("shared-memory.socket-path=" + this.directory.resolve("n.sock"))
            .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(KeyValueStore.class)
                .doesNotHaveBean(StoreObserver.class));
    }

    private static SharedMemoryMetrics bound(MeterRegistry registry) {
        SharedMemoryMetrics metrics = new SharedMemoryMetrics();
        metrics.bindTo(registry);
        return metrics;
    }

    private static long count(MeterRegistry registry, String operation, String result) {
        Timer timer = registry.find(SharedMemoryMetrics.REQUESTS).tag("operation", operation).tag("result", result)
            .timer();
        return (timer != null) ? timer.count() : 0;
    }

    private static double counter(MeterRegistry registry, String name) {
        return registry.get(name).counter().count();
    }
}
