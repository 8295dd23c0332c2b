package io.sharedmemory.core.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.internal.server.MainKeyValueStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A child running as another user. The socket's permissions keep it out (a {@code 0700}
 * folder, a {@code 0600} socket); if they are opened up, main's {@code SO_PEERCRED} check
 * still refuses it with a log line, and {@code allowed-users} lets it in. Nothing the
 * refused child tries is stored.
 * <p>
 * Needs to run as root, to start the child as {@code nobody} with {@code setpriv} or
 * {@code runuser}; skipped otherwise.
 */
class PeerCredentialsTest {

    private static Path base;

    private static String classpath;

    private static List<String> asNobody;

    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeAll
    static void prepare() throws Exception {
        assumeTrue(((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0,
                "runs only as root, which can start a process as another user");
        asNobody = switchUserCommand();
        assumeTrue(asNobody != null, "needs setpriv or runuser, and a user nobody");
        base = Files.createTempDirectory("shm-peer");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        classpath = readableClasspath(base.resolve("classpath"));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (base != null) {
            try (Stream<Path> files = Files.walk(base)) {
                files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
            }
        }
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : this.resources) {
            resource.close();
        }
    }

    @Test
    void thePrivateSocketFolderKeepsAnotherUserOut() throws Exception {
        // Main makes the folder itself: 0700, so another user cannot even reach the socket.
        MainKeyValueStore main = startMain(base.resolve("private-" + System.nanoTime()).resolve("peer.sock"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(main.socketPath().getParent())))
                .isEqualTo("rwx------");
        assertNobodyIsKeptOut(main, startChildAsNobody(main.socketPath()));
    }

    @Test
    void theSocketFilesOwnModeKeepsAnotherUserOut() throws Exception {
        MainKeyValueStore main = startMain(openFolder().resolve("peer.sock"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(main.socketPath())))
                .isEqualTo("rw-------");
        assertNobodyIsKeptOut(main, startChildAsNobody(main.socketPath()));
    }

    @Test
    void withPermissionsOpenedUpMainsPeerCheckStillRefusesAnotherUser() throws Exception {
        try (LogCapture log = LogCapture.of("io.sharedmemory.core.internal.server.ChildConnection")) {
            MainKeyValueStore main = startMain(openFolder().resolve("peer.sock"));
            Files.setPosixFilePermissions(main.socketPath(), PosixFilePermissions.fromString("rw-rw-rw-"));
            AgentProcess child = startChildAsNobody(main.socketPath());
            await().atMost(Duration.ofSeconds(20)).until(() -> log.has("WARN", "Refused", "nobody", "allowed-users"));
            assertNobodyIsKeptOut(main, child);
        }
    }

    @Test
    void allowedUsersLetsAnotherUserIn() throws Exception {
        MainKeyValueStore main = startMain(openFolder().resolve("peer.sock"), "nobody");
        Files.setPosixFilePermissions(main.socketPath(), PosixFilePermissions.fromString("rw-rw-rw-"));
        AgentProcess child = startChildAsNobody(main.socketPath());
        await().atMost(Duration.ofSeconds(20)).until(() -> child.call("available").equals("BOOL true"));
        assertThat(child.call("set k from-nobody")).isEqualTo("OK");
        assertThat(main.get("k")).isEqualTo("from-nobody");
        assertThat(main.connectedChildren()).isEqualTo(1);
    }

    /** The child never gets a connection: its calls fail as unavailable and main stores nothing. */
    private static void assertNobodyIsKeptOut(MainKeyValueStore main, AgentProcess child) throws Exception {
        // It stays out through several of its reconnect attempts.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(10))
                .until(() -> child.call("available").equals("BOOL false"));
        assertThat(child.call("set k from-nobody")).startsWith("ERR SharedMemoryUnavailableException");
        assertThat(main.get("k")).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> main.connectedChildren() == 0);
    }

    private MainKeyValueStore startMain(Path socket, String... allowedUsers) {
        MainKeyValueStore main = (MainKeyValueStore) SharedMemory.builder().socketPath(socket)
                .allowedUsers(List.of(allowedUsers)).startMain();
        this.resources.add(0, main);
        return main;
    }

    private AgentProcess startChildAsNobody(Path socket) throws IOException {
        AgentProcess child = AgentProcess.launch("child", socket).classpath(classpath)
                .commandPrefix(asNobody.toArray(String[]::new)).jvmOptions("-XX:-UsePerfData").start();
        this.resources.add(0, child);
        return child;
    }

    /** A folder any user may enter, so only the socket's own mode and main's check remain. */
    private static Path openFolder() throws IOException {
        Path folder = Files.createDirectory(base.resolve("open-" + System.nanoTime()));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        return folder;
    }

    /** {@code setpriv} (or {@code runuser}) arguments that run a command as nobody, or null. */
    private static List<String> switchUserCommand() throws Exception {
        String uid = run("id", "-u", "nobody");
        String gid = run("id", "-g", "nobody");
        if (uid == null || gid == null) {
            return null;
        }
        if (onPath("setpriv")) {
            return List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups");
        }
        return onPath("runuser") ? List.of("runuser", "-u", "nobody", "--") : null;
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
                .anyMatch((dir) -> Files.isExecutable(Path.of(dir, command)));
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return (process.waitFor() == 0) ? output : null;
    }

    /**
     * Copies the test classpath where another user can read it: the build's own folders (and
     * the local Maven repository) usually sit under a home only their owner may enter.
     */
    private static String readableClasspath(Path target) throws IOException {
        List<String> entries = new ArrayList<>();
        int index = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.exists(source)) {
                continue;
            }
            Path copy = target.resolve(index++ + (Files.isDirectory(source) ? "" : ".jar"));
            copyReadable(source, copy);
            entries.add(copy.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void copyReadable(Path source, Path target) throws IOException {
        Set<java.nio.file.attribute.PosixFilePermission> dirMode = PosixFilePermissions.fromString("rwxr-xr-x");
        Set<java.nio.file.attribute.PosixFilePermission> fileMode = PosixFilePermissions.fromString("rw-r--r--");
        Files.createDirectories(target.getParent());
        Files.setPosixFilePermissions(target.getParent(), dirMode);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                    Files.setPosixFilePermissions(copy, dirMode);
                }
                else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(copy, fileMode);
                }
            }
        }
    }
}
