package io.sharedmemory.core.internal.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sharedmemory.core.KeyEvent;
import io.sharedmemory.core.internal.codec.ValueCodec;
import io.sharedmemory.core.internal.store.InMemoryStore;
import io.sharedmemory.core.internal.store.StoredValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Main's watch router: on the store only while a watch exists, each watcher told once per change
 * of a key one of its globs matches (with values if any matching glob asked), nobody told of keys
 * nobody watches, and the old and new bytes those of the change.
 */
class WatchRouterTest {

    private static final ValueCodec CODEC = new ValueCodec(List.of(), null);

    private final InMemoryStore store = new InMemoryStore(CODEC);

    private final WatchRouter router = new WatchRouter(this.store);

    @AfterEach
    void close() {
        this.store.close();
    }

    @Test
    void theRouterListensToTheStoreExactlyWhileAWatchExists() {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        assertThat(this.router.listening()).isFalse();
        this.router.watch("a.*", first, true);
        this.router.watch("b", second, true);
        assertThat(this.router.listening()).isTrue();
        this.router.unwatch("a.*", first);
        assertThat(this.router.listening()).isTrue();
        this.router.unwatchAll(second);
        assertThat(this.router.listening()).isFalse();
        assertThat(this.router.watchCount()).isZero();
        set("b", "unheard");
        assertThat(second.events).isEmpty();
    }

    @Test
    void aWatcherIsToldOncePerChangeWithValuesIfAnyOfItsMatchingGlobsAskedForThem() {
        Recorder both = new Recorder();
        Recorder keysOnly = new Recorder();
        this.router.watch("config.*", both, true);
        this.router.watch("config.a", both, false);
        this.router.watch("config.a", keysOnly, false);
        this.router.watch("*.a", keysOnly, false);

        set("config.a", "1");
        set("config.a", "2");
        set("config.b", "3");
        set("other", "4");
        this.store.delete("config.a");

        assertThat(both.events).containsExactly("SET config.a null '1' values", "SET config.a '1' '2' values",
                "SET config.b null '3' values", "DELETE config.a '2' null values");
        assertThat(keysOnly.events).containsExactly("SET config.a null '1' keys", "SET config.a '1' '2' keys",
                "DELETE config.a '2' null keys");
    }

    @Test
    void watchingAGlobAgainReplacesItsFlagAndAnEscapedWildcardIsALiteral() {
        Recorder watcher = new Recorder();
        this.router.watch("a\\*", watcher, false);
        this.router.watch("a\\*", watcher, true);
        assertThat(this.router.watchCount()).isOne();
        set("a*", "star");
        set("ab", "not matched");
        assertThat(watcher.events).containsExactly("SET a* null 'star' values");
    }

    @Test
    void anEmptyGlobIsRefused() {
        assertThatThrownBy(() -> this.router.watch("", new Recorder(), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThat(this.router.listening()).isFalse();
    }

    private void set(String key, String value) {
        this.store.set(key, StoredValue.encoded(CODEC.encode(value)), 0);
    }

    /** Records each change as one line. */
    private static final class Recorder implements Watcher {

        private final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void keyChanged(KeyEvent.Type type, String key, byte[] oldBytes, byte[] newBytes, boolean withValues) {
            this.events.add(type + " " + key + " " + shown(oldBytes) + " " + shown(newBytes) + " "
                    + (withValues ? "values" : "keys"));
        }

        private static String shown(byte[] bytes) {
            return (bytes != null) ? "'" + CODEC.decode(bytes) + "'" : "null";
        }
    }
}
