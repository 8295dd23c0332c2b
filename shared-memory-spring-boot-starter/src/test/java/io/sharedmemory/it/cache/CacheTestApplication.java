package io.sharedmemory.it.cache;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.spring.SharedMemoryListener;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.stereotype.Component;

/**
 * The application of the cross-process cache tests, run as main in the test JVM and as a child
 * JVM: {@link Squares} is cached; a child computes what main asks it to and answers with its own
 * count of computations.
 */
@SpringBootApplication
@EnableCaching
public class CacheTestApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(CacheTestApplication.class);
        application.setKeepAlive(true);
        application.run(args);
    }

    /** What main asks the process with {@code pid}. */
    public record Ask(String op, int n, long pid) {
    }

    /** A process's answer: the result and how often that process computed a square. */
    public record Answer(String op, int n, long result, int calls, long pid) {
    }

    @Component
    public static class Squares {

        private final AtomicInteger calls = new AtomicInteger();

        private final KeyValueStore store;

        Squares(KeyValueStore store) {
            this.store = store;
        }

        @Cacheable("squares")
        public long square(int n) {
            this.calls.incrementAndGet();
            return (long) n * n;
        }

        @CacheEvict("squares")
        public void forget(int n) {
        }

        /** Slow, and counted in the store, so that two processes' computations add up. */
        @Cacheable(cacheNames = "slow", sync = true)
        public long slow(int n) throws InterruptedException {
            this.store.increment("it.cache.slow-calls", 1);
            Thread.sleep(500);
            return n * 10L;
        }

        public int calls() {
            return this.calls.get();
        }
    }

    @Component
    public static class Exchange {

        public final List<Answer> answers = new CopyOnWriteArrayList<>();

        private final Squares squares;

        private final KeyValueStore store;

        Exchange(Squares squares, KeyValueStore store) {
            this.squares = squares;
            this.store = store;
        }

        @SharedMemoryListener("it.cache.ask")
        void onAsk(Ask ask) throws InterruptedException {
            if (ask.pid() != ProcessHandle.current().pid()) {
                return;
            }
            long result = switch (ask.op()) {
                case "square" -> this.squares.square(ask.n());
                case "slow" -> this.squares.slow(ask.n());
                default -> 0;
            };
            this.store.publish("it.cache.answer", Map.of("op", ask.op(), "n", ask.n(), "result", result, "calls",
                    this.squares.calls(), "pid", ProcessHandle.current().pid()));
        }

        @SharedMemoryListener("it.cache.answer")
        void onAnswer(Answer answer) {
            this.answers.add(answer);
        }
    }
}
