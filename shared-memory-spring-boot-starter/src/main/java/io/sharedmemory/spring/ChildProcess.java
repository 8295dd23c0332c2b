package io.sharedmemory.spring;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A handle to a child process started by {@link ChildProcessLauncher}.
 */
public final class ChildProcess {

    private static final Log logger = LogFactory.getLog(ChildProcess.class);

    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final String name;

    private final Process process;

    private final Duration stopTimeout;

    private final Thread outputPump;

    // Created only by the launcher, which owns the process and its output pump.
    ChildProcess(String name, Process process, Duration stopTimeout, Thread outputPump) {
        this.name = name;
        this.process = process;
        this.stopTimeout = stopTimeout;
        this.outputPump = outputPump;
    }

    /**
     * The child's name, used in logs and as its output prefix.
     * @return the name
     */
    public String name() {
        return this.name;
    }

    /**
     * The operating system's process id.
     * @return the pid
     */
    public long pid() {
        return this.process.pid();
    }

    /**
     * Tells whether the child is still running.
     * @return {@code true} while it runs
     */
    public boolean isAlive() {
        return this.process.isAlive();
    }

    /**
     * Completes with the child's exit code when it exits.
     * @return a future of the exit code
     */
    public CompletableFuture<Integer> onExit() {
        return this.process.onExit().thenApply(Process::exitValue);
    }

    /**
     * Stops the child: asks it to exit (a Spring Boot child closes its context), waits for the
     * launcher's stop timeout, then kills it if it is still running. Returns once it has exited.
     */
    public void stop() {
        stop(this.stopTimeout);
    }

    /**
     * Stops the child, waiting at most {@code grace} for it to exit before killing it.
     * @param grace how long the child may take to exit on its own
     */
    public void stop(Duration grace) {
        requestStop();
        awaitStop(grace);
    }

    /** Asks the child to exit without waiting (SIGTERM on Unix). */
    void requestStop() {
        if (this.process.isAlive()) {
            this.process.destroy();
        }
    }

    /**
     * Waits for a child asked to stop, and kills it if it outlives {@code grace}.
     * @param grace how long to wait
     */
    void awaitStop(Duration grace) {
        try {
            if (!this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                logger.warn("Child process " + this.name + " (pid " + pid() + ") did not exit within " + grace
                        + "; killing it");
                this.process.destroyForcibly();
                this.process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (this.outputPump != null) {
                // Let the last lines the child wrote reach our output before we report it stopped.
                this.outputPump.join(1000);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            this.process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "ChildProcess[" + this.name + ", pid " + pid() + (isAlive() ? ", alive]" : ", exited]");
    }
}
