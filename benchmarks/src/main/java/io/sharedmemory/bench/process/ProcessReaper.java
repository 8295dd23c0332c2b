package io.sharedmemory.bench.process;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Remembers every process the harness starts and ends them all, on {@link #close()} and,
 * should the harness be interrupted, from a JVM shutdown hook. A benchmark must never leave
 * a worker JVM or a redis-server behind.
 */
public final class ProcessReaper implements AutoCloseable {

    private final List<Process> processes = new ArrayList<>();
    private final Thread hook = new Thread(this::killAll, "bench-process-reaper");

    /** Registers the shutdown hook. */
    public ProcessReaper() {
        Runtime.getRuntime().addShutdownHook(this.hook);
    }

    /**
     * Tracks a started process.
     * @param process the process
     * @return the same process
     */
    public synchronized Process track(Process process) {
        this.processes.add(process);
        return process;
    }

    /**
     * Ends one process: politely first, then by force.
     * @param process the process
     */
    public static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private synchronized void killAll() {
        for (Process process : this.processes) {
            stop(process);
        }
        this.processes.clear();
    }

    /** Ends every tracked process and removes the shutdown hook. */
    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(this.hook);
        }
        catch (IllegalStateException ex) {
            // Already shutting down: the hook is running or has run.
        }
    }
}
