package io.sharedmemory.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.Role;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.SharedMemoryUnavailableException;
import io.sharedmemory.it.child.ChildTestApplication;
import io.sharedmemory.it.child.ChildTestApplication.Person;
import io.sharedmemory.it.main.MainTestApplication;
import io.sharedmemory.it.main.MainTestApplication.Reply;
import io.sharedmemory.it.main.MainTestApplication.ReplyCollector;
import io.sharedmemory.redis.TestRedisServer;
import io.sharedmemory.spring.ChildProcess;
import io.sharedmemory.spring.ChildProcessLauncher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The same application as the main/child integration tests, unchanged but for
 * {@code shared-memory.role=redis} and {@code spring.data.redis.*}: this JVM and child JVMs
 * started by the launcher (which hands them the role and the Redis connection) share data,
 * listeners and exact counters through a real redis-server, and ride out Redis being killed.
 */
class RedisRoleIntegrationTests {

    private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(90);

    private TestRedisServer redis;

    private ConfigurableApplicationContext app;

    private KeyValueStore store;

    private ReplyCollector collector;

    @BeforeEach
    void start() {
        this.redis = TestRedisServer.start();
        List<String> args = new ArrayList<>(this.redis.springArguments());
        args.addAll(List.of("--shared-memory.role=redis", "--shared-memory.request-timeout=1s",
                "--shared-memory.redis.key-prefix=it-" + UUID.randomUUID() + ":",
                "--shared-memory.codec.trusted-packages=io.sharedmemory.it",
                "--shared-memory.launcher.main-class=" + ChildTestApplication.class.getName()));
        this.app = new SpringApplicationBuilder(MainTestApplication.class).web(WebApplicationType.NONE)
            .run(args.toArray(String[]::new));
        this.store = this.app.getBean(KeyValueStore.class);
        this.collector = this.app.getBean(ReplyCollector.class);
    }

    @AfterEach
    void stop() {
        try {
            // Closing the context stops the children the launcher started.
            this.app.close();
        }
        finally {
            this.redis.close();
        }
    }

    @Test
    void launchedJvmsShareValuesListenersAndExactCounters() throws Exception {
        assertThat(this.store.role()).isEqualTo(Role.REDIS);
        ChildProcessLauncher launcher = this.app.getBean(ChildProcessLauncher.class);
        List<ChildProcess> children = List.of(launcher.launch("--shared-memory.codec.trusted-packages=io.sharedmemory.it"),
                launcher.launch("--shared-memory.codec.trusted-packages=io.sharedmemory.it"));
        awaitReplies("child got ping", 2, () -> this.store.publish("it.to-child", "ping"));
        assertThat(repliesOf("child got ping").stream().map(Reply::pid).collect(Collectors.toSet()))
            .isEqualTo(children.stream().map(ChildProcess::pid).collect(Collectors.toSet()));
        assertThat(repliesOf("child got ping")).extracting(Reply::role).containsOnly("REDIS");

        // A record set here is read in each child as the same record.
        this.store.set("it.value", new Person("Ada", 36));
        this.store.publish("it.read", "it.value");
        awaitReplies("child read Person Person[name=Ada, age=36]", 2, () -> { });

        // Two child JVMs and four threads here count on one counter at once.
        this.store.publish("it.count", 1500);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        this.store.increment("it.counter", 1);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        }
        finally {
            pool.shutdownNow();
        }
        awaitReplies("child counted 1500", 2, () -> { });
        assertThat(this.store.get("it.counter")).isEqualTo(2L * 1500 + 4 * 500);
    }

    @Test
    void redisKilledMidTrafficFailsCallsFastAndEverythingRecovers() throws Exception {
        ChildProcessLauncher launcher = this.app.getBean(ChildProcessLauncher.class);
        ChildProcess child = launcher.launch();
        awaitReplies("child got ping", 1, () -> this.store.publish("it.to-child", "ping"));

        this.redis.kill();
        long start = System.nanoTime();
        assertThatExceptionOfType(SharedMemoryUnavailableException.class)
            .isThrownBy(() -> this.store.set("it.during", "outage"));
        // The request timeout is 1 s; a dead connection is known at once and never waited for.
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1500);
        await().atMost(WAIT).untilAsserted(() -> assertThatExceptionOfType(SharedMemoryUnavailableException.class)
            .isThrownBy(() -> this.store.increment("it.during", 1)));
        assertThat(((SharedMemoryStore) this.store).isAvailable()).isFalse();

        this.redis.restart();
        await().atMost(WAIT).ignoreExceptions().until(() -> this.store.increment("it.after", 1) > 0);
        assertThat(((SharedMemoryStore) this.store).isAvailable()).isTrue();
        // Both JVMs resubscribed by themselves: a new ping reaches the child and its reply comes back.
        this.collector.replies.clear();
        awaitReplies("child got ping", 1, () -> this.store.publish("it.to-child", "ping"));
        assertThat(repliesOf("child got ping").get(0).pid()).isEqualTo(child.pid());
        assertThat(child.isAlive()).isTrue();
    }

    private void awaitReplies(String text, int count, Runnable poke) {
        await().atMost(WAIT).pollInterval(java.time.Duration.ofMillis(300)).ignoreExceptions().until(() -> {
            if (repliesOf(text).stream().map(Reply::pid).collect(Collectors.toSet()).size() >= count) {
                return true;
            }
            poke.run();
            return false;
        });
    }

    private List<Reply> repliesOf(String text) {
        return this.collector.replies.stream().filter((reply) -> reply.text().equals(text)).toList();
    }

}
