package io.sharedmemory.spring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;

/**
 * Copies a child's output to this process's standard output line by line, with a prefix, so
 * that interleaved lines of several children stay readable and attributable.
 */
final class OutputPump implements Runnable {

    private final InputStream input;

    private final String prefix;

    private OutputPump(InputStream input, String prefix) {
        this.input = input;
        this.prefix = prefix;
    }

    /**
     * Starts a named daemon thread that copies the stream until it ends.
     * @param input the child's output
     * @param name the child's name
     * @return the started thread
     */
    static Thread start(InputStream input, String name) {
        Thread thread = new Thread(new OutputPump(input, "[" + name + "] "), "shared-memory-output-" + name);
        // A daemon: a child that outlives us must not keep this JVM alive.
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void run() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(this.input, Charset.defaultCharset()))) {
            String line;
            while ((line = reader.readLine()) != null) {
                // System.out is read each time so that a redirected or captured output is honoured.
                System.out.println(this.prefix + line);
            }
        }
        catch (IOException ex) {
            // The child went away mid-line; there is nothing more to copy.
        }
    }
}
