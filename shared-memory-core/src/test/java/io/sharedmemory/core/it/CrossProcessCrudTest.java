package io.sharedmemory.core.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sharedmemory.core.Role;
import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every store operation, made in a child JVM and seen in main and in another child, and back. */
class CrossProcessCrudTest {

    @TempDir
    Path folder;

    private SharedMemoryStore main;

    private AgentProcess child;

    private AgentProcess otherChild;

    @BeforeEach
    void start() throws Exception {
        Path socket = this.folder.resolve("crud.sock");
        this.main = SharedMemory.builder().socketPath(socket).trustedPackages(Point.class.getPackageName())
                .startMain();
        this.child = AgentProcess.child(socket);
        this.otherChild = AgentProcess.child(socket);
    }

    @AfterEach
    void stop() {
        this.child.close();
        this.otherChild.close();
        this.main.close();
    }

    @Test
    void aValueSetInAChildIsReadInMainAndInAnotherChild() {
        assertThat(this.child.call("set greeting hello")).isEqualTo("OK");
        assertThat(this.main.role()).isEqualTo(Role.MAIN);
        assertThat(this.main.get("greeting")).isEqualTo("hello");
        assertThat(this.otherChild.call("get greeting")).isEqualTo("VALUE java.lang.String hello");
    }

    @Test
    void aValueSetInMainIsReadInAChild() {
        this.main.set("count", 42);
        this.main.set("names", List.of("a", "b"));
        assertThat(this.child.call("get count")).isEqualTo("VALUE java.lang.Integer 42");
        assertThat(this.child.call("get names")).startsWith("VALUE java.util.ImmutableCollections$List").endsWith("[a, b]");
        assertThat(this.child.call("get missing")).isEqualTo("VALUE null");
    }

    @Test
    void recordsKeepTheirClassAcrossProcesses() {
        this.child.call("setpoint p 3 4");
        assertThat(this.main.get("p")).isEqualTo(new Point(3, 4));
        assertThat(this.otherChild.call("get p")).isEqualTo("VALUE " + Point.class.getName() + " Point[x=3, y=4]");
        this.child.call("setlist l x y z");
        assertThat(this.main.get("l")).isEqualTo(List.of("x", "y", "z")).isInstanceOf(java.util.ArrayList.class);
    }

    @Test
    void deleteSetIfAbsentAndCompareAndSetAreDecidedByMain() {
        assertThat(this.child.call("setifabsent lock owner-1")).isEqualTo("BOOL true");
        assertThat(this.otherChild.call("setifabsent lock owner-2")).isEqualTo("BOOL false");
        assertThat(this.main.get("lock")).isEqualTo("owner-1");
        assertThat(this.otherChild.call("cas lock owner-2 owner-3")).isEqualTo("BOOL false");
        assertThat(this.otherChild.call("cas lock owner-1 owner-3")).isEqualTo("BOOL true");
        assertThat(this.main.compareAndSet("lock", "owner-3", "owner-4")).isTrue();
        assertThat(this.child.call("get lock")).isEqualTo("VALUE java.lang.String owner-4");
        assertThat(this.child.call("delete lock")).isEqualTo("BOOL true");
        assertThat(this.otherChild.call("delete lock")).isEqualTo("BOOL false");
        assertThat(this.main.get("lock")).isNull();
    }

    @Test
    void incrementCountsFromZeroAndRefusesNonIntegers() {
        assertThat(this.child.call("incr hits 5")).isEqualTo("LONG 5");
        assertThat(this.otherChild.call("incr hits -2")).isEqualTo("LONG 3");
        assertThat(this.main.increment("hits", 10)).isEqualTo(13);
        this.main.set("text", "abc");
        assertThat(this.child.call("incr text 1")).startsWith("ERR NotAnIntegerException");
        assertThat(this.main.get("text")).isEqualTo("abc");
    }

    @Test
    void keysAndGetAllAreSnapshots() {
        this.child.call("set user:1 ann");
        this.child.call("set user:2 bob");
        this.child.call("set order:1 x");
        assertThat(this.otherChild.call("keys user:*")).isEqualTo("KEYS [user:1, user:2]");
        assertThat(this.otherChild.call("keys user:?")).isEqualTo("KEYS [user:1, user:2]");
        assertThat(this.otherChild.call("getall")).isEqualTo("MAP {order:1=x, user:1=ann, user:2=bob}");
        Map<String, Object> snapshot = this.main.getAll();
        this.main.set("later", "y");
        assertThat(snapshot).doesNotContainKey("later").hasSize(3);
    }

    @Test
    void aTimeToLiveSetInAChildExpiresInMain() {
        this.child.call("setttl session abc 300");
        assertThat(this.main.get("session")).isEqualTo("abc");
        await().atMost(Duration.ofSeconds(5)).until(() -> this.main.get("session") == null);
        assertThat(this.otherChild.call("get session")).isEqualTo("VALUE null");
    }
}
