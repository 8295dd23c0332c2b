package io.sharedmemory.spring.cache;

import java.time.Duration;
import java.util.List;

import io.sharedmemory.spring.FakeKeyValueStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Which caches the manager has and how it sets them up. */
class SharedMemoryCacheManagerTests {

    private final FakeKeyValueStore store = new FakeKeyValueStore();

    @Test
    void withoutNamesCachesAreCreatedOnDemandAndKept() {
        SharedMemoryCacheManager manager = new SharedMemoryCacheManager(this.store);
        manager.afterPropertiesSet();
        assertThat(manager.isDynamic()).isTrue();
        assertThat(manager.getCacheNames()).isEmpty();
        SharedMemoryCache users = (SharedMemoryCache) manager.getCache("users");
        assertThat(users).isNotNull();
        assertThat(users.getName()).isEqualTo("users");
        assertThat(users.getNativeCache()).isSameAs(this.store);
        assertThat(users.isAllowNullValues()).isTrue();
        assertThat(users.getTimeToLive()).isNull();
        assertThat(manager.getCache("users")).isSameAs(users);
        assertThat(manager.getCacheNames()).containsExactly("users");
    }

    @Test
    void withNamesOnlyThoseCachesExist() {
        SharedMemoryCacheManager manager = new SharedMemoryCacheManager(this.store, Duration.ofMinutes(5),
                List.of("b", "a", "a"), false);
        manager.afterPropertiesSet();
        assertThat(manager.isDynamic()).isFalse();
        assertThat(manager.getCacheNames()).containsExactly("a", "b");
        assertThat(manager.getCache("other")).isNull();
        SharedMemoryCache a = (SharedMemoryCache) manager.getCache("a");
        assertThat(a.getTimeToLive()).isEqualTo(Duration.ofMinutes(5));
        assertThat(a.isAllowNullValues()).isFalse();
        assertThat(manager.getTimeToLive()).isEqualTo(Duration.ofMinutes(5));
        assertThat(manager.isAllowNullValues()).isFalse();
        assertThat(manager.getStore()).isSameAs(this.store);
    }

    @Test
    void refusesATimeToLiveThatIsNotPositiveAndBlankNames() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new SharedMemoryCacheManager(this.store, Duration.ofSeconds(-1), List.of(), true));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new SharedMemoryCacheManager(this.store, null, List.of(" "), true));
    }
}
