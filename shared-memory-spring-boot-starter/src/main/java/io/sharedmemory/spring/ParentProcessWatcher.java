package io.sharedmemory.spring;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Ends a launched child when the process that launched it is gone, however it went (a SIGKILL
 * included): {@link ChildProcessLauncher} hands its pid to the child, and this watcher, once
 * started, waits for that process's exit with {@link ProcessHandle#onExit()} (no thread of its
 * own: the JDK notices a process that is not our child within about five seconds) and then runs
 * the exit action on a new thread named {@value #THREAD_NAME}; the auto-configured action closes
 * the application context and exits the JVM with Spring Boot's exit code (0 unless an
 * {@code ExitCodeGenerator} says otherwise).
 * <p>
 * A parent that is already gone when the watcher starts counts as gone (the JDK tells a pid that
 * was reused while it waits by the process's start time). Once stopped, the watcher ignores the
 * parent's exit, so a context that is closing anyway is not closed twice.
 */
public class ParentProcessWatcher implements SmartLifecycle {

    /** The name of the thread that runs the exit action. */
    public static final String THREAD_NAME = "shared-memory-parent-exit";

    private static final Log logger = LogFactory.getLog(ParentProcessWatcher.class);

    private final long parentPid;

    private final Runnable exitAction;

    private final AtomicBoolean watching = new AtomicBoolean();

    private final AtomicBoolean fired = new AtomicBoolean();

    private volatile boolean running;

    /**
     * Creates a watcher; watches nothing until started.
     * @param parentPid the pid of the process that launched this one
     * @param exitAction what to do once it is gone, such as closing the application context
     */
    public ParentProcessWatcher(long parentPid, Runnable exitAction) {
        this.parentPid = parentPid;
        this.exitAction = exitAction;
    }

    /**
     * The watched process.
     * @return its pid
     */
    public long getParentPid() {
        return this.parentPid;
    }

    /** Starts watching the parent; runs the exit action at once if it is already gone. */
    @Override
    public void start() {
        this.running = true;
        if (!this.watching.compareAndSet(false, true)) {
            return;
        }
        if (this.parentPid == ProcessHandle.current().pid()) {
            // The JDK cannot wait for its own exit; a process cannot outlive itself anyway.
            logger.warn("shared-memory.child.parent-pid names this process (" + this.parentPid + "); not watching it");
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(this.parentPid);
        if (parent.isEmpty()) {
            parentGone();
            return;
        }
        logger.debug("Watching parent process " + this.parentPid);
        parent.get().onExit().thenRun(this::parentGone);
    }

    /** Stops reacting to the parent's exit. */
    @Override
    public void stop() {
        this.running = false;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    private void parentGone() {
        if (!this.running || !this.fired.compareAndSet(false, true)) {
            return;
        }
        logger.warn("The process that launched this one (pid " + this.parentPid + ") is gone; shutting down");
        // Not on the JDK's process-exit thread, and not a daemon: the shutdown must run to its end.
        new Thread(this.exitAction, THREAD_NAME).start();
    }
}
