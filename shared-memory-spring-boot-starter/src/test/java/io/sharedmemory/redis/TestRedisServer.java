package io.sharedmemory.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.awaitility.Awaitility.await;

/**
 * A real redis-server for tests, on a free loopback port, in the foreground so the test owns it:
 * the machine's own {@code redis-server} when on the PATH, else the linux-amd64 binary that the
 * embedded-redis test dependency ships (so a fresh machine needs no install). If neither starts,
 * the test fails saying why; it never skips.
 */
public final class TestRedisServer implements AutoCloseable {

    /** The binary inside the embedded-redis jar. */
    private static final String BUNDLED = "redis-server-6.2.6-v5-linux-amd64";

    private static TestRedisServer shared;

    private final Path executable;

    private final Path directory;

    private final int port;

    private Process process;

    private TestRedisServer(Path executable, Path directory, int port) {
        this.executable = executable;
        this.directory = directory;
        this.port = port;
    }

    /**
     * The server this test JVM shares (started on first use, stopped when the JVM exits).
     * Tests that share it use their own key prefix.
     */
    public static synchronized TestRedisServer shared() {
        if (shared == null) {
            shared = start();
            TestRedisServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-redis-stop"));
        }
        return shared;
    }

    /** Starts a server of its own, for a test that stops and restarts it. */
    public static TestRedisServer start() {
        try {
            Path directory = Files.createTempDirectory("sm-redis");
            TestRedisServer server = new TestRedisServer(executable(directory), directory, freePort());
            server.restart();
            return server;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("No Redis server could be started for the tests", ex);
        }
    }

    public int port() {
        return this.port;
    }

    /** Spring Boot properties that point at this server, as program arguments. */
    public List<String> springArguments() {
        return List.of("--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + this.port);
    }

    /** A started connection factory on this server. */
    public LettuceConnectionFactory connectionFactory() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1",
                this.port));
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    /** Starts (again) on the same port and waits until it answers PING. */
    public synchronized void restart() {
        if (this.process != null && this.process.isAlive()) {
            return;
        }
        List<String> command = List.of(this.executable.toString(), "--port", Integer.toString(this.port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", this.directory.toString());
        try {
            this.process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(this.directory.resolve("redis.log").toFile()))
                    .start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot run " + this.executable, ex);
        }
        Process started = this.process;
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            if (!started.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + started.exitValue() + ": " + log());
            }
            return pong();
        });
    }

    /** Kills the server at once, as a crash would. */
    public synchronized void kill() {
        if (this.process != null) {
            this.process.destroyForcibly();
            try {
                this.process.waitFor(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        kill();
    }

    private boolean pong() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", this.port), 500);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = new byte[7];
            int read = socket.getInputStream().read(reply);
            return read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        }
        catch (IOException ex) {
            return false;
        }
    }

    private String log() {
        try {
            return Files.readString(this.directory.resolve("redis.log"));
        }
        catch (IOException ex) {
            return "(no log: " + ex + ")";
        }
    }

    private static Path executable(Path directory) throws IOException {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(folder.isEmpty() ? "." : folder, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        try (InputStream bundled = TestRedisServer.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (bundled == null) {
                throw new IOException("redis-server is not on the PATH and the embedded-redis test dependency, which "
                        + "bundles " + BUNDLED + ", is not on the class path");
            }
            Path target = directory.resolve("redis-server");
            Files.copy(bundled, target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
            return target;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
