package io.sharedmemory.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.Role;
import io.sharedmemory.core.SharedMemorySettings;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.SubscriberLimits;
import io.sharedmemory.core.internal.client.ChildKeyValueStore;
import io.sharedmemory.core.internal.server.MainKeyValueStore;
import io.sharedmemory.spring.ApplicationCommand;
import io.sharedmemory.spring.ChildProcessLauncher;
import io.sharedmemory.spring.FakeKeyValueStore;
import io.sharedmemory.spring.SharedMemoryListenerAnnotationBeanPostProcessor;
import io.sharedmemory.spring.SharedMemoryListenerEndpointRegistry;
import io.sharedmemory.spring.SharedMemoryPayloadConverter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.util.unit.DataSize;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the beans {@link SharedMemoryAutoConfiguration} creates under each condition, with the
 * real core store on a short socket path per test.
 */
class SharedMemoryAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SharedMemoryAutoConfiguration.class));

    /** Under java.io.tmpdir (/tmp here), short enough for a socket path. */
    @TempDir
    Path directory;

    private Path socket;

    @BeforeEach
    void socketPath() {
        this.socket = this.directory.resolve("s.sock");
    }

    @Test
    void createsOneStartedMainStoreByDefaultThatRemovesItsSocketOnClose() {
        this.runner.withPropertyValues("shared-memory.socket-path=" + this.socket).run((context) -> {
            assertThat(context).hasSingleBean(KeyValueStore.class)
                .hasSingleBean(SharedMemoryStoreLifecycle.class)
                .hasSingleBean(SharedMemoryListenerEndpointRegistry.class)
                .hasSingleBean(SharedMemoryListenerAnnotationBeanPostProcessor.class)
                .hasSingleBean(SharedMemoryPayloadConverter.class)
                .hasSingleBean(ChildProcessLauncher.class);
            KeyValueStore store = context.getBean(KeyValueStore.class);
            assertThat(store).isInstanceOf(MainKeyValueStore.class);
            assertThat(store.role()).isEqualTo(Role.MAIN);
            assertThat(((SharedMemoryStore) store).isRunning()).isTrue();
            assertThat(context.getBean(SharedMemoryStoreLifecycle.class).isRunning()).isTrue();
            assertThat(this.socket).exists();
            store.set("k", "v");
            assertThat(store.get("k")).isEqualTo("v");
        });
        assertThat(this.socket).doesNotExist();
    }

    @Test
    void childRoleCreatesChildStoreThatStartsWithoutMainAndNoLauncher() {
        this.runner.withPropertyValues("shared-memory.role=child", "shared-memory.socket-path=" + this.socket)
            .run((context) -> {
                assertThat(context).hasNotFailed().hasSingleBean(KeyValueStore.class)
                    .doesNotHaveBean(ChildProcessLauncher.class);
                KeyValueStore store = context.getBean(KeyValueStore.class);
                assertThat(store).isInstanceOf(ChildKeyValueStore.class);
                assertThat(store.role()).isEqualTo(Role.CHILD);
                assertThat(((SharedMemoryStore) store).isRunning()).isTrue();
                assertThat(((SharedMemoryStore) store).isAvailable()).isFalse();
            });
    }

    @Test
    void roleIsCaseInsensitive() {
        this.runner.withPropertyValues("shared-memory.role=CHILD", "shared-memory.socket-path=" + this.socket)
            .run((context) -> assertThat(context.getBean(KeyValueStore.class).role()).isEqualTo(Role.CHILD));
    }

    @Test
    void explicitMainRoleCreatesLauncher() {
        this.runner.withPropertyValues("shared-memory.role=main", "shared-memory.socket-path=" + this.socket)
            .run((context) -> assertThat(context).hasSingleBean(ChildProcessLauncher.class));
    }

    @Test
    void disabledCreatesNothing() {
        this.runner.withPropertyValues("shared-memory.enabled=false", "shared-memory.socket-path=" + this.socket)
            .run((context) -> {
                assertThat(context).hasNotFailed()
                    .doesNotHaveBean(KeyValueStore.class)
                    .doesNotHaveBean(SharedMemoryProperties.class)
                    .doesNotHaveBean(SharedMemoryStoreLifecycle.class)
                    .doesNotHaveBean(SharedMemoryListenerEndpointRegistry.class)
                    .doesNotHaveBean(SharedMemoryListenerAnnotationBeanPostProcessor.class)
                    .doesNotHaveBean(SharedMemoryPayloadConverter.class)
                    .doesNotHaveBean(ChildProcessLauncher.class);
                assertThat(this.socket).doesNotExist();
            });
    }

    @Test
    void userStoreMakesTheStarterBackOffButKeepsListenerSupport() {
        FakeKeyValueStore userStore = new FakeKeyValueStore();
        this.runner.withPropertyValues("shared-memory.socket-path=" + this.socket)
            .withBean("userStore", KeyValueStore.class, () -> userStore)
            .run((context) -> {
                assertThat(context).hasSingleBean(KeyValueStore.class)
                    .doesNotHaveBean(SharedMemoryStore.class)
                    .doesNotHaveBean(SharedMemoryStoreLifecycle.class)
                    .hasSingleBean(SharedMemoryListenerEndpointRegistry.class);
                assertThat(context.getBean(KeyValueStore.class)).isSameAs(userStore);
                assertThat(this.socket).doesNotExist();
            });
    }

    @Test
    void userLauncherAndConverterMakeTheStarterBackOff() {
        ChildProcessLauncher launcher = new ChildProcessLauncher(this.socket, new ApplicationCommand(null, null),
                Duration.ofSeconds(1));
        SharedMemoryPayloadConverter converter = new SharedMemoryPayloadConverter(new DefaultConversionService(),
                JsonMapper.builder().build());
        this.runner.withPropertyValues("shared-memory.socket-path=" + this.socket)
            .withBean(ChildProcessLauncher.class, () -> launcher)
            .withBean(SharedMemoryPayloadConverter.class, () -> converter)
            .run((context) -> {
                assertThat(context.getBean(ChildProcessLauncher.class)).isSameAs(launcher);
                assertThat(context.getBean(SharedMemoryPayloadConverter.class)).isSameAs(converter);
            });
    }

    @Test
    void everyPropertyReachesTheStoreSettings() {
        AtomicReference<SharedMemorySettings> settings = new AtomicReference<>();
        this.runner
            .withPropertyValues("shared-memory.role=child", "shared-memory.socket-path=" + this.socket,
                    "shared-memory.request-timeout=1500ms", "shared-memory.max-frame-size=1MB",
                    "shared-memory.max-pending-messages=42", "shared-memory.codec.trusted-packages=com.a,com.b",
                    "shared-memory.allowed-users=alice,bob", "shared-memory.subscriber-limits.hard=3MB",
                    "shared-memory.subscriber-limits.soft=512KB", "shared-memory.subscriber-limits.soft-duration=250ms")
            .withBean(SharedMemoryBuilderCustomizer.class,
                    () -> (builder) -> settings.set(builder.settings()))
            .run((context) -> {
                SharedMemorySettings applied = settings.get();
                assertThat(applied.socketPath()).isEqualTo(this.socket);
                assertThat(applied.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
                assertThat(applied.maxFrameSize()).isEqualTo(1024 * 1024);
                assertThat(applied.maxPendingMessages()).isEqualTo(42);
                assertThat(applied.trustedPackages()).containsExactlyInAnyOrder("com.a", "com.b");
                assertThat(applied.allowedUsers()).containsExactlyInAnyOrder("alice", "bob");
                assertThat(applied.subscriberLimits()).isEqualTo(
                        new SubscriberLimits(3L * 1024 * 1024, 512L * 1024, Duration.ofMillis(250)));
                // Records are decoded with the application's class loader.
                assertThat(applied.classLoader()).isSameAs(context.getClassLoader());
            });
    }

    @Test
    void propertiesHaveTheContractDefaults() {
        this.runner.withPropertyValues("shared-memory.role=child", "shared-memory.socket-path=" + this.socket)
            .run((context) -> {
                SharedMemoryProperties properties = new SharedMemoryProperties();
                assertThat(properties.isEnabled()).isTrue();
                assertThat(properties.getRole()).isEqualTo(Role.MAIN);
                assertThat(properties.getSocketPath()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"),
                        "shared-memory-" + System.getProperty("user.name"), "default.sock"));
                assertThat(properties.getRequestTimeout()).isEqualTo(Duration.ofSeconds(5));
                assertThat(properties.getMaxFrameSize()).isEqualTo(DataSize.ofMegabytes(16));
                assertThat(properties.getMaxPendingMessages()).isEqualTo(10_000);
                assertThat(properties.getSubscriberLimits().getHard()).isEqualTo(DataSize.ofMegabytes(32));
                assertThat(properties.getSubscriberLimits().getSoft()).isEqualTo(DataSize.ofMegabytes(8));
                assertThat(properties.getSubscriberLimits().getSoftDuration()).isEqualTo(Duration.ofSeconds(10));
                assertThat(properties.getCodec().getTrustedPackages()).isEmpty();
                assertThat(properties.getAllowedUsers()).isEmpty();
                assertThat(properties.getLauncher().getMainClass()).isNull();
                assertThat(properties.getLauncher().getStopTimeout()).isEqualTo(Duration.ofSeconds(10));
            });
    }

    @Test
    void launcherPropertiesAreBound() {
        this.runner
            .withPropertyValues("shared-memory.socket-path=" + this.socket,
                    "shared-memory.launcher.main-class=com.example.App", "shared-memory.launcher.stop-timeout=3s")
            .run((context) -> {
                SharedMemoryProperties properties = context.getBean(SharedMemoryProperties.class);
                assertThat(properties.getLauncher().getMainClass()).isEqualTo("com.example.App");
                assertThat(properties.getLauncher().getStopTimeout()).isEqualTo(Duration.ofSeconds(3));
            });
    }

    @Test
    void customizersRunInOrderAfterTheProperties() {
        this.runner.withPropertyValues("shared-memory.role=child", "shared-memory.socket-path=" + this.socket)
            .withBean("probe", SharedMemoryBuilderCustomizer.class, () -> new ProbeCustomizer())
            .withBean("customizer", SharedMemoryBuilderCustomizer.class, () -> new TimeoutCustomizer())
            .run((context) -> assertThat(context.getBean("probe", ProbeCustomizer.class).seen)
                .hasValue(Duration.ofSeconds(9)));
    }

    @org.springframework.core.annotation.Order(1)
    static class TimeoutCustomizer implements SharedMemoryBuilderCustomizer {

        @Override
        public void customize(io.sharedmemory.core.SharedMemory.Builder builder) {
            builder.requestTimeout(Duration.ofSeconds(9));
        }
    }

    @org.springframework.core.annotation.Order(2)
    static class ProbeCustomizer implements SharedMemoryBuilderCustomizer {

        final AtomicReference<Duration> seen = new AtomicReference<>();

        @Override
        public void customize(io.sharedmemory.core.SharedMemory.Builder builder) {
            this.seen.set(builder.settings().requestTimeout());
        }
    }

    @Test
    void metadataDescribesEveryContractProperty() throws IOException {
        try (var input = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(input).as("metadata generated by spring-boot-configuration-processor").isNotNull();
            var root = JsonMapper.builder().build().readTree(input);
            var byName = new java.util.HashMap<String, tools.jackson.databind.JsonNode>();
            root.get("properties").forEach((property) -> byName.put(property.get("name").asString(), property));
            assertThat(byName).containsKeys("shared-memory.enabled", "shared-memory.role", "shared-memory.socket-path",
                    "shared-memory.request-timeout", "shared-memory.max-frame-size",
                    "shared-memory.max-pending-messages", "shared-memory.codec.trusted-packages",
                    "shared-memory.allowed-users", "shared-memory.subscriber-limits.hard",
                    "shared-memory.subscriber-limits.soft", "shared-memory.subscriber-limits.soft-duration",
                    "shared-memory.persistence.mode", "shared-memory.persistence.directory",
                    "shared-memory.persistence.snapshot-interval", "shared-memory.persistence.fsync");
            assertThat(byName.get("shared-memory.persistence.snapshot-interval").get("defaultValue").asString())
                .isEqualTo("60s");
            assertThat(byName.values()).allSatisfy((property) -> assertThat(property.get("description")).isNotNull());
            assertThat(byName.get("shared-memory.request-timeout").get("defaultValue").asString()).isEqualTo("5s");
            assertThat(byName.get("shared-memory.max-frame-size").get("defaultValue").asString()).isEqualTo("16MB");
            assertThat(byName.get("shared-memory.max-pending-messages").get("defaultValue").asInt()).isEqualTo(10000);
            assertThat(byName.get("shared-memory.subscriber-limits.hard").get("defaultValue").asString())
                .isEqualTo("32MB");
            assertThat(byName.get("shared-memory.subscriber-limits.soft").get("defaultValue").asString())
                .isEqualTo("8MB");
            assertThat(byName.get("shared-memory.subscriber-limits.soft-duration").get("defaultValue").asString())
                .isEqualTo("10s");
            assertThat(byName.get("shared-memory.subscriber-limits.soft").get("type").asString())
                .isEqualTo("org.springframework.util.unit.DataSize");
            assertThat(byName.get("shared-memory.subscriber-limits.soft-duration").get("type").asString())
                .isEqualTo("java.time.Duration");
            assertThat(byName.get("shared-memory.role").get("defaultValue").asString()).isEqualTo("main");
            assertThat(byName.get("shared-memory.socket-path").get("defaultValue").asString())
                .isEqualTo("${java.io.tmpdir}/shared-memory-${user.name}/default.sock");
            assertThat(byName.get("shared-memory.request-timeout").get("type").asString())
                .isEqualTo("java.time.Duration");
            assertThat(byName.get("shared-memory.max-frame-size").get("type").asString())
                .isEqualTo("org.springframework.util.unit.DataSize");
            List<String> hinted = new java.util.ArrayList<>();
            root.get("hints").forEach((hint) -> hinted.add(hint.get("name").asString()));
            assertThat(hinted).contains("shared-memory.role", "shared-memory.persistence.mode",
                    "shared-memory.persistence.fsync");
        }
    }
}
