package io.sharedmemory.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sharedmemory.core.KeyEvent;
import io.sharedmemory.core.KeyEvent.Type;
import io.sharedmemory.core.NotAnIntegerException;
import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryException;
import io.sharedmemory.core.Subscription;
import io.sharedmemory.core.it.Point;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code watch} in the redis role, on a real redis-server: every kind of write is one event with
 * its old and new values, in the order applied, also from another store; expiry; writes are
 * plain exactly while nobody watches; a failing listener; closing; a refused CONFIG SET; a
 * Redis restart.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisWatchTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final List<AutoCloseable> opened = new ArrayList<>();

    private String prefix;

    @BeforeEach
    void prefix() {
        this.prefix = "watch-" + UUID.randomUUID() + ":";
    }

    @AfterEach
    void close() throws Exception {
        for (int i = this.opened.size() - 1; i >= 0; i--) {
            this.opened.get(i).close();
        }
    }

    @Test
    void everyKindOfWriteFromAnyStoreIsOneEventWithOldAndNewValuesInTheOrderApplied() {
        LettuceConnectionFactory factory = factory(TestRedisServer.shared());
        RedisKeyValueStore watcher = store(factory);
        RedisKeyValueStore writer = store(factory(TestRedisServer.shared()));
        List<KeyEvent> events = new CopyOnWriteArrayList<>();
        watcher.watch("w.*", events::add);

        writer.set("w.a", "one");
        watcher.set("w.a", "two", Duration.ofMinutes(5));
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("w.b", 7L);
        both.put("w.c", new Point(1, 2));
        writer.setAll(both);
        assertThat(writer.setIfAbsent("w.a", "no")).isFalse();
        assertThat(writer.setIfAbsent("w.d", "new")).isTrue();
        assertThat(writer.compareAndSet("w.a", "nope", "x")).isFalse();
        assertThat(writer.compareAndSet("w.a", "two", "three")).isTrue();
        assertThat(writer.increment("w.b", 5)).isEqualTo(12L);
        assertThat(writer.increment("w.n", 1)).isEqualTo(1L);
        writer.set("w.i", 40);
        assertThat(writer.increment("w.i", 2)).isEqualTo(42L);
        assertThatExceptionOfType(NotAnIntegerException.class).isThrownBy(() -> writer.increment("w.a", 1));
        assertThat(writer.delete("w.d")).isTrue();
        assertThat(writer.delete("w.d")).isFalse();
        writer.set("other", "not watched");
        writer.set("w.end", "end");

        List<KeyEvent> expected = List.of(new KeyEvent(Type.SET, "w.a", null, "one"),
                new KeyEvent(Type.SET, "w.a", "one", "two"), new KeyEvent(Type.SET, "w.b", null, 7L),
                new KeyEvent(Type.SET, "w.c", null, new Point(1, 2)), new KeyEvent(Type.SET, "w.d", null, "new"),
                new KeyEvent(Type.SET, "w.a", "two", "three"), new KeyEvent(Type.SET, "w.b", 7L, 12L),
                new KeyEvent(Type.SET, "w.n", null, 1L), new KeyEvent(Type.SET, "w.i", null, 40),
                new KeyEvent(Type.SET, "w.i", 40, 42L), new KeyEvent(Type.DELETE, "w.d", "new", null),
                new KeyEvent(Type.SET, "w.end", null, "end"));
        await().atMost(WAIT).until(() -> events.size() >= expected.size());
        assertThat(events).containsExactlyElementsOf(expected);
        // The values are stored as before: a plain reader sees them.
        assertThat(writer.get("w.a")).isEqualTo("three");
        assertThat(writer.get("w.i")).isEqualTo(42L);
    }

    @Test
    void aTimeToLiveRunningOutIsAnExpireWithoutTheOldValue() {
        RedisKeyValueStore store = store(factory(TestRedisServer.shared()));
        List<KeyEvent> events = new CopyOnWriteArrayList<>();
        store.watch("t.*", events::add);
        store.set("t.short", "soon gone", Duration.ofMillis(150));
        await().atMost(WAIT).until(() -> events.size() >= 2);
        assertThat(events).containsExactly(new KeyEvent(Type.SET, "t.short", null, "soon gone"),
                new KeyEvent(Type.EXPIRE, "t.short", null, null));
        assertThat(store.get("t.short")).isNull();
    }

    @Test
    void writesArePlainExactlyWhileNoProcessWatches() {
        RedisKeyValueStore watcher = store(factory(TestRedisServer.shared()));
        RedisKeyValueStore writer = store(factory(TestRedisServer.shared()));
        assertThat(writer.writesArePlain()).isTrue();
        List<KeyEvent> events = new CopyOnWriteArrayList<>();
        Subscription watch = watcher.watch("p.*", events::add);
        // The handshake is done when watch returns: the other store switched before.
        assertThat(writer.writesArePlain()).isFalse();
        assertThat(watcher.writesArePlain()).isFalse();
        writer.set("p.k", 1L);
        await().atMost(WAIT).until(() -> events.size() == 1);

        watch.close();
        await().atMost(WAIT).until(() -> writer.writesArePlain() && watcher.writesArePlain());
        writer.set("p.k", 2L);
        // A new store that connects later learns of watchers from Redis, not from the handshake.
        Subscription again = watcher.watch("p.*", events::add);
        RedisKeyValueStore late = store(factory(TestRedisServer.shared()));
        assertThat(late.writesArePlain()).isFalse();
        late.set("p.k", 3L);
        await().atMost(WAIT).until(() -> events.size() == 2);
        assertThat(events.get(1)).isEqualTo(new KeyEvent(Type.SET, "p.k", 2L, 3L));
        again.close();
        await().atMost(WAIT).until(late::writesArePlain);
    }

    /**
     * Another store writes a counter as fast as it can, one write after another, while this one
     * starts and stops watching: from the first event of each watch on, no write is missing
     * (a write that slipped through as a plain SET after the handshake would leave a gap), and
     * every write that started after {@code watch} returned is an event.
     */
    @Test
    void aWatchStartedDuringWritesMissesNoneOfThemOnceItReturns() throws Exception {
        RedisKeyValueStore watcher = store(factory(TestRedisServer.shared()));
        RedisKeyValueStore writer = store(factory(TestRedisServer.shared()));
        java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread writing = new Thread(() -> {
            for (long i = 1; !stop.get(); i++) {
                writer.set("h.counter", i);
                written.set(i);
            }
        }, "watch-test-writer");
        writing.start();
        try {
            for (int round = 0; round < 5; round++) {
                long before = written.get();
                await().atMost(WAIT).until(() -> written.get() > before + 50);
                List<KeyEvent> events = new CopyOnWriteArrayList<>();
                Subscription watch = watcher.watch("h.*", events::add);
                // The write after the one in flight now started after watch returned.
                long after = written.get() + 2;
                await().atMost(WAIT).until(() -> events.size() > 100);
                watch.close();
                List<KeyEvent> seen = List.copyOf(events);
                for (int i = 1; i < seen.size(); i++) {
                    assertThat(seen.get(i).oldValue()).as("round " + round + ", event " + i).isEqualTo(seen.get(i - 1).newValue());
                    assertThat(seen.get(i).newValue()).isEqualTo((Long) seen.get(i).oldValue() + 1);
                }
                assertThat((Long) seen.get(0).newValue()).as("first event of round " + round).isLessThanOrEqualTo(after);
            }
        }
        finally {
            stop.set(true);
            writing.join(10_000);
        }
    }

    @Test
    void overlappingWatchesEachGetTheirEventsAndAClosedOneGetsNoMore(CapturedOutput output) {
        RedisKeyValueStore store = store(factory(TestRedisServer.shared()));
        List<KeyEvent> all = new CopyOnWriteArrayList<>();
        List<KeyEvent> some = new CopyOnWriteArrayList<>();
        Subscription everything = store.watch("*", all::add);
        store.watch("o.?", (event) -> {
            some.add(event);
            throw new IllegalStateException("listener failure on purpose");
        });
        store.set("o.1", "a");
        store.set("o.12", "b");
        store.set("o.2", "c");
        await().atMost(WAIT).until(() -> all.size() == 3 && some.size() == 2);
        assertThat(some).extracting(KeyEvent::key).containsExactly("o.1", "o.2");
        assertThat(output.getAll()).contains("listener failure on purpose");
        everything.close();
        store.set("o.3", "d");
        await().atMost(WAIT).until(() -> some.size() == 3);
        assertThat(all).hasSize(3);
    }

    @Test
    void anEmptyKeyPrefixKeepsWatchTrafficAwayFromApplicationPatterns() {
        TestRedisServer redis = TestRedisServer.start();
        this.opened.add(redis);
        this.prefix = "";
        RedisKeyValueStore store = store(factory(redis));
        List<String> messages = new CopyOnWriteArrayList<>();
        store.subscribePattern("*", (channel, message) -> messages.add(channel + "=" + message));
        List<KeyEvent> events = new CopyOnWriteArrayList<>();
        // The application's '*' also receives the handshake; it is answered, so watch returns.
        store.watch("k*", events::add);
        store.set("k1", "v");
        store.publish("news", "hello");
        await().atMost(WAIT).until(() -> events.size() == 1 && messages.size() == 1);
        assertThat(messages).containsExactly("news=hello");
        assertThat(events).containsExactly(new KeyEvent(Type.SET, "k1", null, "v"));
    }

    @Test
    void aWatchMadeBeforeRedisIsUpStartsWhenTheStoreConnects() {
        TestRedisServer redis = TestRedisServer.start();
        this.opened.add(redis);
        redis.kill();
        RedisKeyValueStore store = new RedisKeyValueStore(SharedMemory.builder().requestTimeout(Duration.ofSeconds(2))
                .settings(), this.prefix, factory(redis));
        this.opened.add(store);
        store.start();
        List<KeyEvent> events = new CopyOnWriteArrayList<>();
        store.watch("b.*", events::add);
        redis.restart();
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            store.set("b.k", "up", Duration.ofMillis(100));
            return events.contains(new KeyEvent(Type.EXPIRE, "b.k", null, null));
        });
        assertThat(events).contains(new KeyEvent(Type.SET, "b.k", null, "up"));
    }

    /**
     * A plain write that is a script is sent by its SHA-1 only; when Redis forgot the script
     * ({@code SCRIPT FLUSH}, a new server) it is loaded and the write decided again, so it is
     * never sent later as text outside the handshake's lock. Watched or not, the write happens.
     */
    @Test
    void scriptsRedisForgotAreLoadedAgainForPlainAndWatchedWrites() {
        TestRedisServer redis = TestRedisServer.start();
        this.opened.add(redis);
        RedisKeyValueStore store = store(factory(redis));
        LettuceConnectionFactory admin = factory(redis);
        store.set("s.text", "a");
        store.set("s.small", 5);
        for (boolean watched : new boolean[] { false, true }) {
            List<KeyEvent> events = new CopyOnWriteArrayList<>();
            Subscription watch = watched ? store.watch("s.*", events::add) : null;
            try (var connection = admin.getConnection()) {
                connection.scriptingCommands().scriptFlush();
            }
            String from = (String) store.get("s.text");
            assertThat(store.compareAndSet("s.text", from, from + "b")).isTrue();
            store.set("s.small", 5);
            assertThat(store.increment("s.small", 1)).isEqualTo(6L);
            if (watched) {
                await().atMost(WAIT).until(() -> events.size() == 3);
                assertThat(events).containsExactly(new KeyEvent(Type.SET, "s.text", from, from + "b"),
                        new KeyEvent(Type.SET, "s.small", 6L, 5), new KeyEvent(Type.SET, "s.small", 5, 6L));
                watch.close();
            }
        }
    }

    @Test
    void aRedisThatRefusesConfigSetFailsTheWatchNamingTheSetting() {
        TestRedisServer redis = TestRedisServer.shared();
        RedisKeyValueStore admin = store(factory(redis));
        String user = "noconfig-" + UUID.randomUUID();
        try (var connection = factory(redis).getConnection()) {
            connection.execute("ACL", "SETUSER".getBytes(), user.getBytes(), "on".getBytes(), ">secret".getBytes(),
                    "~*".getBytes(), "&*".getBytes(), "+@all".getBytes(), "-config".getBytes());
        }
        RedisStandaloneConfiguration limited = new RedisStandaloneConfiguration("127.0.0.1", redis.port());
        limited.setUsername(user);
        limited.setPassword("secret");
        LettuceConnectionFactory factory = new LettuceConnectionFactory(limited);
        factory.afterPropertiesSet();
        factory.start();
        this.opened.add(factory::destroy);
        RedisKeyValueStore store = store(factory);
        assertThatExceptionOfType(SharedMemoryException.class).isThrownBy(() -> store.watch("c.*", (event) -> { }))
            .withMessageContaining("notify-keyspace-events");
        // Nothing is left behind: writes stay plain everywhere.
        await().atMost(WAIT).until(() -> store.writesArePlain() && admin.writesArePlain());
    }

    @Test
    void watchesComeBackAfterRedisRestartsIncludingExpiry() {
        TestRedisServer redis = TestRedisServer.start();
        this.opened.add(redis);
        RedisKeyValueStore watcher = store(factory(redis));
        RedisKeyValueStore writer = store(factory(redis));
        List<KeyEvent> events = new CopyOnWriteArrayList<>();
        watcher.watch("r.*", events::add);
        writer.set("r.before", "x");
        await().atMost(WAIT).until(() -> events.size() == 1);

        redis.kill();
        redis.restart();
        // The restarted Redis lost the set of watchers and the notify flags; both come back.
        await().atMost(WAIT).until(() -> watcher.isAvailable() && writer.isAvailable() && !writer.writesArePlain());
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            writer.set("r.after", "y", Duration.ofMillis(100));
            return events.stream().anyMatch((event) -> event.type() == Type.EXPIRE && event.key().equals("r.after"));
        });
        assertThat(events).contains(new KeyEvent(Type.SET, "r.after", null, "y"));
    }

    private LettuceConnectionFactory factory(TestRedisServer redis) {
        LettuceConnectionFactory factory = redis.connectionFactory();
        this.opened.add(factory::destroy);
        return factory;
    }

    private RedisKeyValueStore store(LettuceConnectionFactory factory) {
        RedisKeyValueStore store = new RedisKeyValueStore(SharedMemory.builder().requestTimeout(Duration.ofSeconds(5))
                .trustedPackages(Point.class.getPackageName()).settings(), this.prefix, factory);
        this.opened.add(store);
        store.start();
        await().atMost(WAIT).until(store::isAvailable);
        return store;
    }
}
