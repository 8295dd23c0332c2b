package io.sharedmemory.core.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Test-side handle of an {@link Agent} JVM started with {@link ProcessBuilder} on the test
 * classpath: sends commands, waits for answers, collects pushed messages, kills it.
 */
public final class AgentProcess implements AutoCloseable {

    private final Process process;

    private final Writer stdin;

    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

    private AgentProcess(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readOutput, "agent-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a main agent and waits until it listens. */
    public static AgentProcess main(Path socket) throws IOException {
        return start("main", socket, 2000, true);
    }

    /** Starts a child agent and waits until its store has started. */
    public static AgentProcess child(Path socket) throws IOException {
        return start("child", socket, 2000, true);
    }

    public static AgentProcess start(String role, Path socket, long timeoutMillis, boolean trust) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Agent.class.getName());
        command.add(role);
        command.add(socket.toString());
        command.add(Long.toString(timeoutMillis));
        command.add(Boolean.toString(trust));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        AgentProcess agent = new AgentProcess(process);
        String ready = agent.answer(30);
        if (ready == null || !ready.startsWith("READY")) {
            agent.close();
            throw new IllegalStateException(role + " agent did not start: " + ready);
        }
        return agent;
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("MSG ") || line.startsWith("PMSG ")) {
                    this.messages.add(line);
                }
                else {
                    this.answers.add(line);
                }
            }
        }
        catch (IOException ex) {
            // the process went away
        }
    }

    /** Sends a command and returns its one-line answer (waits up to 60 s). */
    public String call(String command) {
        try {
            this.stdin.write(command + "\n");
            this.stdin.flush();
            String answer = answer(60);
            if (answer == null) {
                throw new IllegalStateException("No answer to '" + command + "'");
            }
            return answer;
        }
        catch (IOException ex) {
            throw new IllegalStateException("Agent is gone: " + ex, ex);
        }
    }

    private String answer(int seconds) {
        try {
            return this.answers.poll(seconds, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Messages received so far and later, as printed lines. */
    public BlockingQueue<String> messages() {
        return this.messages;
    }

    public long pid() {
        return this.process.pid();
    }

    public boolean isAlive() {
        return this.process.isAlive();
    }

    /** SIGKILL: the process gets no chance to clean up. */
    public void kill9() throws InterruptedException {
        this.process.destroyForcibly();
        this.process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            if (this.process.isAlive()) {
                this.stdin.write("exit\n");
                this.stdin.flush();
            }
        }
        catch (IOException ex) {
            // already gone
        }
        try {
            if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
                this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            this.process.destroyForcibly();
        }
    }
}
