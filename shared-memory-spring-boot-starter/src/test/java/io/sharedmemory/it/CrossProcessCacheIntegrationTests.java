package io.sharedmemory.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.it.cache.CacheTestApplication;
import io.sharedmemory.it.cache.CacheTestApplication.Answer;
import io.sharedmemory.it.cache.CacheTestApplication.Exchange;
import io.sharedmemory.it.cache.CacheTestApplication.Squares;
import io.sharedmemory.redis.TestRedisServer;
import io.sharedmemory.spring.ChildProcess;
import io.sharedmemory.spring.ChildProcessLauncher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @Cacheable} across two JVMs: this test JVM runs the application as main (or as a Redis
 * client), a child JVM started by the launcher runs it too, and a value computed in one is a hit
 * in the other, which does not compute it (each process counts its own computations).
 */
class CrossProcessCacheIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private Path directory;

    private TestRedisServer redis;

    private ConfigurableApplicationContext app;

    @AfterEach
    void stop() {
        try {
            if (this.app != null) {
                // Closing the context stops the child the launcher started.
                this.app.close();
            }
        }
        finally {
            if (this.redis != null) {
                this.redis.close();
            }
            if (this.directory != null) {
                FileSystemUtils.deleteRecursively(this.directory.toFile());
            }
        }
    }

    @Test
    void aValueCachedInOneProcessIsAHitInTheOtherInTheSocketRoles() throws Exception {
        this.directory = Files.createTempDirectory(Path.of("/tmp"), "smc");
        start(List.of("--shared-memory.socket-path=" + this.directory.resolve("s.sock")));
        scenario();
    }

    @Test
    void aValueCachedInOneProcessIsAHitInTheOtherInTheRedisRole() throws Exception {
        this.redis = TestRedisServer.start();
        List<String> args = new ArrayList<>(this.redis.springArguments());
        args.addAll(List.of("--shared-memory.role=redis", "--shared-memory.redis.key-prefix=it-" + UUID.randomUUID() + ":"));
        start(args);
        scenario();
    }

    private void start(List<String> roleArguments) {
        List<String> args = new ArrayList<>(roleArguments);
        args.addAll(List.of("--shared-memory.cache.enabled=true",
                "--shared-memory.launcher.main-class=" + CacheTestApplication.class.getName()));
        this.app = new SpringApplicationBuilder(CacheTestApplication.class).web(WebApplicationType.NONE)
            .run(args.toArray(String[]::new));
    }

    private void scenario() throws Exception {
        Squares squares = this.app.getBean(Squares.class);
        KeyValueStore store = this.app.getBean(KeyValueStore.class);
        assertThat(squares.square(7)).isEqualTo(49L);
        assertThat(squares.calls()).isEqualTo(1);

        ChildProcess child = this.app.getBean(ChildProcessLauncher.class).launch("--shared-memory.cache.enabled=true");
        // The first question is repeated until the child has subscribed.
        Answer first = ask(child, "square", 7, true);
        assertThat(first.result()).isEqualTo(49L);
        assertThat(first.calls()).as("the child found main's value and did not compute it").isZero();

        Answer computedThere = ask(child, "square", 8, false);
        assertThat(computedThere.calls()).isEqualTo(1);
        assertThat(squares.square(8)).isEqualTo(64L);
        assertThat(squares.calls()).as("main found the child's value").isEqualTo(1);

        // @CacheEvict here evicts there too: the child computes 7 again.
        squares.forget(7);
        assertThat(ask(child, "square", 7, false).calls()).isEqualTo(2);

        // sync = true: both processes ask at once, one computes.
        CompletableFuture<Long> here = CompletableFuture.supplyAsync(() -> slow(squares, 3));
        Answer there = ask(child, "slow", 3, false);
        assertThat(here.get(60, TimeUnit.SECONDS)).isEqualTo(30L);
        assertThat(there.result()).isEqualTo(30L);
        assertThat(store.get("it.cache.slow-calls")).isEqualTo(1L);
    }

    private Answer ask(ChildProcess child, String op, int n, boolean repeat) {
        Exchange exchange = this.app.getBean(Exchange.class);
        KeyValueStore store = this.app.getBean(KeyValueStore.class);
        int before = exchange.answers.size();
        Map<String, Object> question = Map.of("op", op, "n", n, "pid", child.pid());
        store.publish("it.cache.ask", question);
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            Optional<Answer> answer = exchange.answers.stream().skip(before)
                .filter((a) -> a.pid() == child.pid() && a.op().equals(op) && a.n() == n).findFirst();
            if (answer.isEmpty() && repeat) {
                assertThat(child.isAlive()).as("child alive").isTrue();
                store.publish("it.cache.ask", question);
            }
            return answer.orElse(null);
        }, (answer) -> answer != null);
    }

    private static long slow(Squares squares, int n) {
        try {
            return squares.slow(n);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
