package io.sharedmemory.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.Subscription;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.spring.ChildProcess;
import io.sharedmemory.spring.ChildProcessLauncher;
import io.sharedmemory.spring.ChildProcessSpec;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The main process's program: posts the jobs, launches the children, waits for every result,
 * says goodbye, and prints the summary. Its exit code is 0 only if every job was done once.
 */
@Component
@ConditionalOnProperty(prefix = "sample", name = "part", havingValue = "coordinator", matchIfMissing = true)
class Coordinator implements ApplicationRunner, ExitCodeGenerator {

    private static final Duration CHILD_EXIT_WAIT = Duration.ofSeconds(15);

    /** How long main waits for every child to report the configuration change: they are all up by then. */
    private static final Duration CONFIG_ACK_WAIT = Duration.ofSeconds(15);

    private final KeyValueStore store;

    private final ChildProcessLauncher launcher;

    private final ResultBoard board;

    private final SampleProperties properties;

    private volatile int exitCode = 1;

    Coordinator(KeyValueStore store, ChildProcessLauncher launcher, ResultBoard board, SampleProperties properties) {
        this.store = store;
        this.launcher = launcher;
        this.board = board;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        int jobs = this.properties.getJobs();
        postJobs(jobs);
        List<ChildProcess> children = launchChildren();
        boolean complete = this.board.awaitResults(jobs, this.properties.getTimeout());
        changeConfig(children.size());
        System.out.printf("main    | %s; telling the children goodbye%n",
                complete ? "all " + jobs + " results are in" : "gave up waiting for results");
        this.store.publish(Channels.CONTROL, "all " + jobs + " jobs are done, goodbye");
        awaitExit(children);
        long processed = counter(Channels.JOBS_PROCESSED);
        System.out.printf("SUMMARY jobs=%d processed=%d received=%d children=%d primes=%d perChild=%s%n", jobs,
                processed, this.board.received(), children.size(), this.board.primes(), perChild());
        this.exitCode = (complete && processed == jobs) ? 0 : 1;
    }

    @Override
    public int getExitCode() {
        return this.exitCode;
    }

    private void postJobs(int jobs) {
        // In the redis role the store outlives a run: start from a clean slate.
        this.store.keys("sample.*").forEach(this.store::delete);
        long size = this.properties.getJobSize();
        this.store.set(Channels.JOBS_TOTAL, jobs);
        this.store.set(Channels.CONFIG_MODE, "working");
        for (long id = 1; id <= jobs; id++) {
            this.store.set(Channels.job(id), new Job(id, (id - 1) * size, id * size));
        }
        String endpoint = (this.store instanceof SharedMemoryStore shared) ? shared.endpoint() : "?";
        System.out.printf("main    | shared memory (%s role) is up on %s; posted %d jobs%n",
                this.store.role().name().toLowerCase(), endpoint, jobs);
    }

    /** Changes a configuration key every child watches, and waits until each reported seeing it. */
    private void changeConfig(int children) throws Exception {
        CountDownLatch acks = new CountDownLatch(children);
        try (Subscription watch = this.store.watch(Channels.CONFIG_ACKS, (event) -> acks.countDown())) {
            this.store.set(Channels.CONFIG_MODE, "finishing");
            boolean all = acks.await(CONFIG_ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            System.out.printf("main    | %s%n", all ? "every child saw " + Channels.CONFIG_MODE + " change"
                    : (children - acks.getCount()) + " of " + children + " children saw the change in time");
        }
    }

    private List<ChildProcess> launchChildren() {
        List<ChildProcess> children = new ArrayList<>();
        for (int i = 1; i <= this.properties.getChildren(); i++) {
            String name = "child-" + i;
            children.add(this.launcher.launch(ChildProcessSpec.builder()
                .name(name)
                // Short-lived JVMs start faster without the optimizing compiler.
                .jvmArgs("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
                .args("--sample.part=worker", "--sample.worker-name=" + name)
                .build()));
        }
        System.out.printf("main    | launched %s%n", children.stream()
            .map((child) -> child.name() + " (pid " + child.pid() + ")")
            .collect(Collectors.joining(", ")));
        return children;
    }

    private void awaitExit(List<ChildProcess> children) throws InterruptedException {
        CompletableFuture<?>[] exits = children.stream().map(ChildProcess::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(CHILD_EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException | ExecutionException ex) {
            // The launcher stops whoever is left when the context closes.
            System.out.println("main    | some children did not exit in time; stopping them");
        }
    }

    private Map<String, Long> perChild() {
        Map<String, Long> counts = new TreeMap<>();
        for (String key : this.store.keys(Channels.STATS_PREFIX + "*")) {
            counts.put(key.substring(Channels.STATS_PREFIX.length()), counter(key));
        }
        return counts;
    }

    private long counter(String key) {
        Object value = this.store.get(key);
        return (value instanceof Number number) ? number.longValue() : 0;
    }
}
