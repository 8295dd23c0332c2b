package io.sharedmemory.core;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PersistenceSettingsTest {

    @Test
    void theDefaultsPersistNothing() {
        PersistenceSettings persistence = SharedMemory.builder().settings().persistence();
        assertThat(persistence.mode()).isEqualTo(PersistenceSettings.Mode.NONE);
        assertThat(persistence.directory()).isNull();
        assertThat(persistence.snapshotInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(persistence.fsync()).isEqualTo(PersistenceSettings.Fsync.EVERYSEC);
    }

    @Test
    void theBuilderPassesEverySettingOn() {
        PersistenceSettings persistence = SharedMemory.builder().persistenceMode(PersistenceSettings.Mode.LOG)
                .persistenceDirectory(Path.of("/var/lib/app")).snapshotInterval(Duration.ofSeconds(5))
                .fsync(PersistenceSettings.Fsync.ALWAYS).settings().persistence();
        assertThat(persistence).isEqualTo(new PersistenceSettings(PersistenceSettings.Mode.LOG, Path.of("/var/lib/app"),
                Duration.ofSeconds(5), PersistenceSettings.Fsync.ALWAYS));
    }

    @Test
    void aModeThatWritesNeedsADirectory() {
        assertThatExceptionOfType(InvalidSettingException.class)
                .isThrownBy(() -> SharedMemory.builder().persistenceMode(PersistenceSettings.Mode.SNAPSHOT).settings())
                .satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("persistenceDirectory"))
                .withMessageContaining("snapshot");
    }

    @Test
    void theIntervalMustBePositiveAndTheModeAndFsyncGiven() {
        assertThatExceptionOfType(InvalidSettingException.class)
                .isThrownBy(() -> SharedMemory.builder().snapshotInterval(Duration.ZERO).settings())
                .satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("snapshotInterval"));
        assertThatExceptionOfType(InvalidSettingException.class)
                .isThrownBy(() -> SharedMemory.builder().persistenceMode(null).settings())
                .satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("persistenceMode"));
        assertThatExceptionOfType(InvalidSettingException.class)
                .isThrownBy(() -> SharedMemory.builder().fsync(null).settings())
                .satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("fsync"));
    }
}
