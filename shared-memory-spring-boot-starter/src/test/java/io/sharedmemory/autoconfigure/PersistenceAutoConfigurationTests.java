package io.sharedmemory.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.PersistenceSettings;
import io.sharedmemory.core.SharedMemorySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code shared-memory.persistence.*}: bound, validated against their names, and a main that restores. */
class PersistenceAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SharedMemoryAutoConfiguration.class));

    @TempDir
    Path folder;

    @Test
    void thePropertiesReachTheSettings() {
        AtomicReference<SharedMemorySettings> settings = new AtomicReference<>();
        Path data = this.folder.resolve("data");
        this.runner
            .withPropertyValues("shared-memory.role=child", "shared-memory.socket-path=" + this.folder.resolve("s.sock"),
                    "shared-memory.persistence.mode=log", "shared-memory.persistence.directory=" + data,
                    "shared-memory.persistence.snapshot-interval=5s", "shared-memory.persistence.fsync=always")
            .withBean(SharedMemoryBuilderCustomizer.class, () -> (builder) -> settings.set(builder.settings()))
            .run((context) -> assertThat(settings.get().persistence()).isEqualTo(new PersistenceSettings(
                    PersistenceSettings.Mode.LOG, data, Duration.ofSeconds(5), PersistenceSettings.Fsync.ALWAYS)));
    }

    @Test
    void aModeThatWritesWithoutADirectoryFailsStartupNamingTheProperty() {
        this.runner
            .withPropertyValues("shared-memory.socket-path=" + this.folder.resolve("s.sock"),
                    "shared-memory.persistence.mode=snapshot")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
                            (ex) -> assertThat(ex.getName()).isEqualTo("shared-memory.persistence.directory"));
            });
    }

    @Test
    void aDirectoryAnotherLiveMainHoldsFailsStartupNamingIt() {
        Path data = this.folder.resolve("data");
        this.runner.withPropertyValues("shared-memory.socket-path=" + this.folder.resolve("a.sock"),
                "shared-memory.persistence.mode=snapshot", "shared-memory.persistence.directory=" + data)
            .run((holder) -> this.runner
                .withPropertyValues("shared-memory.socket-path=" + this.folder.resolve("b.sock"),
                        "shared-memory.persistence.mode=log", "shared-memory.persistence.directory=" + data)
                .run((second) -> {
                    assertThat(second).hasFailed();
                    assertThat(second.getStartupFailure()).rootCause().hasMessageContaining(data.toString())
                        .hasMessageContaining("another live main");
                }));
    }

    @Test
    void aRestartedMainApplicationGetsBackWhatItStored() {
        ApplicationContextRunner main = this.runner.withPropertyValues(
                "shared-memory.socket-path=" + this.folder.resolve("s.sock"), "shared-memory.persistence.mode=log",
                "shared-memory.persistence.directory=" + this.folder.resolve("data"),
                "shared-memory.persistence.fsync=always");
        main.run((context) -> context.getBean(KeyValueStore.class).set("greeting", "hello"));
        main.run((context) -> assertThat(context.getBean(KeyValueStore.class).get("greeting")).isEqualTo("hello"));
    }
}
