package io.sharedmemory.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.util.FileSystemUtils;

/**
 * Runs the sample as a separate JVM, the way a user would, on its own short socket path, and
 * keeps what it printed. The process (and, through it, its children) never outlives the run.
 */
final class SampleRun {

    private static final Duration LIMIT = Duration.ofSeconds(120);

    final int exitCode;

    final String output;

    private SampleRun(int exitCode, String output) {
        this.exitCode = exitCode;
        this.output = output;
    }

    /**
     * Runs a command with {@code --shared-memory.socket-path} appended and waits for its exit.
     * @param command the java command that starts the sample
     * @return how it ended
     * @throws Exception if it could not be run or did not end in time
     */
    static SampleRun run(List<String> command) throws Exception {
        Path directory = Files.createTempDirectory(Path.of("/tmp"), "smt");
        Path log = directory.resolve("sample.log");
        List<String> full = new java.util.ArrayList<>(command);
        full.add("--shared-memory.socket-path=" + directory.resolve("s.sock"));
        Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("The sample did not finish within " + LIMIT + ":\n" + Files.readString(log));
            }
            return new SampleRun(process.exitValue(), Files.readString(log));
        }
        finally {
            // Also ends its children: the launcher stops them when main's context closes.
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            deleteQuietly(directory);
        }
    }

    private static void deleteQuietly(Path directory) {
        try {
            FileSystemUtils.deleteRecursively(directory);
        }
        catch (IOException ex) {
            // A temporary folder left behind is harmless.
        }
    }

    static String java() {
        return ProcessHandle.current().info().command()
            .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
