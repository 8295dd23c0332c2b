package io.sharedmemory.core;

import java.nio.file.Path;
import java.util.List;

import io.sharedmemory.core.internal.nearcache.NearCachedStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The builder's near cache options: checked when on, ignored by main. */
class NearCacheBuilderTest {

    @TempDir
    Path directory;

    @Test
    void mainIgnoresTheNearCache() {
        try (SharedMemoryStore store = SharedMemory.builder().socketPath(this.directory.resolve("m.sock"))
                .nearCache(true).nearCacheMaxEntries(5).build(Role.MAIN)) {
            assertThat(store).isNotInstanceOf(NearCachedStore.class);
            assertThat(store.role()).isEqualTo(Role.MAIN);
        }
    }

    @Test
    void outOfRangeNearCacheSettingsAreRefusedNamingThem() {
        SharedMemory.Builder builder = SharedMemory.builder().socketPath(this.directory.resolve("c.sock")).nearCache(true);
        assertThatExceptionOfType(InvalidSettingException.class)
            .isThrownBy(() -> builder.nearCacheMaxEntries(0).build(Role.CHILD))
            .satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("nearCacheMaxEntries"));
        assertThatExceptionOfType(InvalidSettingException.class)
            .isThrownBy(() -> builder.nearCacheMaxEntries(10).nearCacheKeys(List.of()).build(Role.CHILD))
            .satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("nearCacheKeys"));
    }

    @Test
    void aChildWithoutTheNearCacheIsThePlainChildStore() {
        try (SharedMemoryStore store = SharedMemory.builder().socketPath(this.directory.resolve("c.sock"))
                .build(Role.CHILD)) {
            assertThat(store).isNotInstanceOf(NearCachedStore.class);
        }
    }
}
