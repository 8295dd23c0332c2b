package io.sharedmemory.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Starts child processes of this process: by default another JVM running this application
 * with what it needs to share this process's store ({@link ChildConnectionSettings}): in the
 * main role {@code --shared-memory.role=child} and this process's socket path, in the redis role
 * {@code --shared-memory.role=redis}, the key prefix and this process's Redis connection
 * properties. Children still running when the application
 * context stops are stopped (asked to exit, then killed after the stop timeout). Every child
 * also gets this process's pid ({@value #PARENT_PID_VARIABLE}): a Spring Boot child with the
 * starter shuts down by itself when this process is gone, even after a SIGKILL, unless it sets
 * {@code shared-memory.child.exit-with-parent=false} ({@link ParentProcessWatcher}).
 *
 * <pre>{@code
 * ChildProcess worker = launcher.launch("--app.worker-name=w1");
 * ...
 * worker.stop();
 * }</pre>
 */
public class ChildProcessLauncher implements SmartLifecycle, DisposableBean {

    /** The phase: stops children first, while the store and listeners still serve them. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 50;

    /** The environment variable that carries the role to a child. */
    public static final String ROLE_VARIABLE = "SHARED_MEMORY_ROLE";

    /** The environment variable that carries the socket path to a child. */
    public static final String SOCKET_PATH_VARIABLE = "SHARED_MEMORY_SOCKET_PATH";

    /** The environment variable that carries the Redis key prefix to a child in the redis role. */
    public static final String KEY_PREFIX_VARIABLE = "SHARED_MEMORY_REDIS_KEYPREFIX";

    /**
     * The environment variable that carries this process's pid to a child; Spring Boot binds it
     * as {@code shared-memory.child.parent-pid}.
     */
    public static final String PARENT_PID_VARIABLE = "SHARED_MEMORY_CHILD_PARENT_PID";

    private static final Log logger = LogFactory.getLog(ChildProcessLauncher.class);

    private final ChildConnectionSettings connection;

    private final ApplicationCommand applicationCommand;

    private final Duration stopTimeout;

    private final List<ChildProcess> children = new CopyOnWriteArrayList<>();

    private final AtomicInteger counter = new AtomicInteger();

    private volatile boolean running;

    private volatile boolean destroyed;

    /**
     * Creates a launcher; starts nothing.
     * @param socketPath the socket children connect to
     * @param applicationCommand resolves the command that runs this application again
     * @param stopTimeout how long a stopping child may take before it is killed
     */
    public ChildProcessLauncher(Path socketPath, ApplicationCommand applicationCommand, Duration stopTimeout) {
        this(ChildConnectionSettings.socket(socketPath), applicationCommand, stopTimeout);
    }

    /**
     * Creates a launcher for any role; starts nothing.
     * @param connection what children need to join this process's store
     * @param applicationCommand resolves the command that runs this application again
     * @param stopTimeout how long a stopping child may take before it is killed
     */
    public ChildProcessLauncher(ChildConnectionSettings connection, ApplicationCommand applicationCommand,
            Duration stopTimeout) {
        this.connection = connection;
        this.applicationCommand = applicationCommand;
        this.stopTimeout = stopTimeout;
    }

    /**
     * Starts this application again as a child, with extra program arguments.
     * @param args program arguments, such as {@code --app.worker-name=w1}
     * @return a handle to the child
     */
    public ChildProcess launch(String... args) {
        return launch(ChildProcessSpec.builder().args(args).build());
    }

    /**
     * Starts a child as described.
     * @param spec what to start
     * @return a handle to the child
     * @throws IllegalStateException if the launcher was destroyed or the main class cannot be told
     * @throws UncheckedIOException if the process cannot be started
     */
    public ChildProcess launch(ChildProcessSpec spec) {
        if (this.destroyed) {
            throw new IllegalStateException("The child process launcher was closed with its application context");
        }
        String name = (spec.name() != null) ? spec.name() : "child-" + this.counter.incrementAndGet();
        ProcessBuilder builder = new ProcessBuilder(command(spec));
        Map<String, String> environment = builder.environment();
        environment.putAll(spec.environment());
        environment.putAll(this.connection.environment());
        environment.put(PARENT_PID_VARIABLE, Long.toString(ProcessHandle.current().pid()));
        if (spec.workingDirectory() != null) {
            builder.directory(spec.workingDirectory().toFile());
        }
        Process process = start(builder, spec.output(), name);
        Thread pump = (spec.output() == ChildProcessSpec.Output.PREFIXED)
                ? OutputPump.start(process.getInputStream(), name) : null;
        ChildProcess child = new ChildProcess(name, process, this.stopTimeout, pump);
        this.children.add(child);
        process.onExit().thenRun(() -> this.children.remove(child));
        if (logger.isInfoEnabled()) {
            logger.info("Started child process " + name + " (pid " + child.pid() + ")");
        }
        return child;
    }

    /**
     * The children started by this launcher that have not exited yet.
     * @return a snapshot
     */
    public List<ChildProcess> getChildren() {
        // Filtered here as well: the exit callback that removes a child runs asynchronously.
        return this.children.stream().filter(ChildProcess::isAlive).toList();
    }

    /**
     * Stops every running child: asks all of them to exit at once, then waits for each and kills
     * those that outlive the stop timeout.
     */
    public void stopAll() {
        List<ChildProcess> running = new ArrayList<>(this.children);
        running.forEach(ChildProcess::requestStop);
        running.forEach((child) -> child.awaitStop(this.stopTimeout));
        this.children.removeAll(running);
    }

    @Override
    public void start() {
        this.running = true;
    }

    @Override
    public void stop() {
        stopAll();
        this.running = false;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * Stops the children that are still running and refuses further launches.
     */
    @Override
    public void destroy() {
        this.destroyed = true;
        stopAll();
    }

    private List<String> command(ChildProcessSpec spec) {
        if (!spec.command().isEmpty()) {
            // A foreign program learns its role and connection from the environment only.
            List<String> command = new ArrayList<>(spec.command());
            command.addAll(spec.args());
            return command;
        }
        List<String> command = new ArrayList<>(this.applicationCommand.resolve(spec.jvmArgs()));
        command.addAll(this.connection.arguments());
        command.addAll(spec.args());
        return command;
    }

    private static Process start(ProcessBuilder builder, ChildProcessSpec.Output output, String name) {
        switch (output) {
            case PREFIXED -> builder.redirectErrorStream(true);
            case INHERIT -> builder.inheritIO();
            case DISCARD -> builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        try {
            return builder.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot start child process " + name + ": " + builder.command(), ex);
        }
    }
}
