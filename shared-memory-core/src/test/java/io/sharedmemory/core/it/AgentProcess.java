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

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    private final Thread reader;

    private AgentProcess(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.reader = new Thread(this::readOutput, "agent-output-" + process.pid());
        this.reader.setDaemon(true);
        this.reader.start();
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
        return launch(role, socket).requestTimeoutMillis(timeoutMillis).trust(trust).start();
    }

    /**
     * Describes an agent to start, for the cases the shortcuts above do not cover.
     * @param role {@code main} or {@code child}
     * @param socket the socket it binds or connects to
     * @return a launcher with the defaults of {@link #child(Path)}
     */
    public static Launcher launch(String role, Path socket) {
        return new Launcher(role, socket);
    }

    /** Options of an agent JVM; {@link #start()} starts it and waits until it is ready. */
    public static final class Launcher {

        private final String role;

        private final Path socket;

        private long requestTimeoutMillis = 2000;

        private boolean trust = true;

        private int maxPendingMessages = 100_000;

        private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1"));

        private final List<String> commandPrefix = new ArrayList<>();

        private String classpath = System.getProperty("java.class.path");

        private Launcher(String role, Path socket) {
            this.role = role;
            this.socket = socket;
        }

        public Launcher requestTimeoutMillis(long millis) {
            this.requestTimeoutMillis = millis;
            return this;
        }

        public Launcher trust(boolean trust) {
            this.trust = trust;
            return this;
        }

        /** Main's queue per child in role main; the listener backlog in role child. */
        public Launcher maxPendingMessages(int maxPendingMessages) {
            this.maxPendingMessages = maxPendingMessages;
            return this;
        }

        /** Adds JVM options; a later {@code -Xmx} wins over the default one. */
        public Launcher jvmOptions(String... options) {
            this.jvmOptions.addAll(List.of(options));
            return this;
        }

        /** Runs the JVM through another command, e.g. {@code setpriv --reuid=nobody ...}. */
        public Launcher commandPrefix(String... prefix) {
            this.commandPrefix.addAll(List.of(prefix));
            return this;
        }

        public Launcher classpath(String classpath) {
            this.classpath = classpath;
            return this;
        }

        public AgentProcess start() throws IOException {
            List<String> command = new ArrayList<>(this.commandPrefix);
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(this.jvmOptions);
            command.add("-cp");
            command.add(this.classpath);
            command.add(Agent.class.getName());
            command.add(this.role);
            command.add(this.socket.toString());
            command.add(Long.toString(this.requestTimeoutMillis));
            command.add(Boolean.toString(this.trust));
            command.add(Integer.toString(this.maxPendingMessages));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            AgentProcess agent = new AgentProcess(process);
            String ready = agent.answer(30);
            if (ready == null || !ready.startsWith("READY")) {
                agent.close();
                throw new IllegalStateException(this.role + " agent did not start: " + ready);
            }
            return agent;
        }
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("MSG ") || line.startsWith("PMSG ")) {
                    this.messages.add(line);
                }
                else if (line.startsWith("EV ")) {
                    this.events.add(line);
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

    /** {@code EV} lines of the soak workload, so far and later. */
    public BlockingQueue<String> events() {
        return this.events;
    }

    /**
     * Waits until the agent has exited and everything it printed has been read, e.g. after
     * {@link #kill9()}, so no line it wrote before dying is missed.
     */
    public void awaitOutputEnd() throws InterruptedException {
        this.process.waitFor(10, TimeUnit.SECONDS);
        this.reader.join(10_000);
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
