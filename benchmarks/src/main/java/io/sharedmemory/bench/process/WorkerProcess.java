package io.sharedmemory.bench.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The harness's side of one worker JVM: the line protocol of {@link WorkerMain} over the
 * worker's standard input and output.
 */
public final class WorkerProcess implements AutoCloseable {

    private final String id;
    private final Process process;
    private final BufferedReader out;
    private final PrintStream in;
    private boolean ready;

    WorkerProcess(String id, Process process) {
        this.id = id;
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /**
     * The worker's process id.
     * @return the pid
     */
    public long pid() {
        return this.process.pid();
    }

    /**
     * The worker's id, which also names its log file.
     * @return the id
     */
    public String id() {
        return this.id;
    }

    /**
     * Waits for the worker to report {@code READY}; returns at once if it already has.
     * @param timeoutMillis how long to wait
     * @throws IOException if it fails, exits or takes too long
     */
    public void awaitReady(long timeoutMillis) throws IOException {
        if (this.ready) {
            return;
        }
        String line = readLine(timeoutMillis);
        if (!WorkerMain.READY.equals(line)) {
            throw new IOException(this.id + " did not start: " + line);
        }
        this.ready = true;
    }

    /**
     * Sends one command line.
     * @param line the command
     */
    public void send(String line) {
        this.in.println(line);
    }

    /**
     * Reads the {@code RESULT} lines up to {@code DONE}.
     * @param timeoutMillis how long to wait in all
     * @return the results, without their {@code RESULT } prefix
     * @throws IOException if the worker fails or takes too long
     */
    public List<String> awaitResults(long timeoutMillis) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        List<String> results = new ArrayList<>();
        while (true) {
            String line = readLine(Math.max(1, deadline - System.currentTimeMillis()));
            if (WorkerMain.DONE.equals(line)) {
                return results;
            }
            if (line != null && line.startsWith(WorkerMain.RESULT)) {
                results.add(line.substring(WorkerMain.RESULT.length()));
            }
            else {
                throw new IOException(this.id + " failed: " + line);
            }
        }
    }

    /** Reads the next protocol line, skipping anything else a library may have printed. */
    private String readLine(long timeoutMillis) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            String line = readAnyLine(Math.max(1, deadline - System.currentTimeMillis()));
            if (line.equals(WorkerMain.READY) || line.equals(WorkerMain.DONE) || line.startsWith(WorkerMain.RESULT)
                    || line.startsWith("ERROR") || line.startsWith("exited")) {
                return line;
            }
        }
    }

    private String readAnyLine(long timeoutMillis) throws IOException {
        // BufferedReader cannot time out, so the read runs aside and this thread waits on it.
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return this.out.readLine();
            }
            catch (IOException ex) {
                return "ERROR " + ex;
            }
        });
        try {
            String value = line.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return (value != null) ? value : "exited with code " + exitCode();
        }
        catch (TimeoutException ex) {
            throw new IOException(this.id + " timed out after " + timeoutMillis + " ms");
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ex);
        }
        catch (ExecutionException ex) {
            throw new IOException(this.id + " failed", ex.getCause());
        }
    }

    private String exitCode() {
        try {
            return this.process.waitFor(2, TimeUnit.SECONDS) ? String.valueOf(this.process.exitValue()) : "?";
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    /** Closes the worker's standard input (which tells it to stop) and ends it. */
    @Override
    public void close() {
        this.in.close();
        try {
            this.process.waitFor(3, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        ProcessReaper.stop(this.process);
    }
}
