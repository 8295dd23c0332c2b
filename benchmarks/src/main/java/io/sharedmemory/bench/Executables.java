package io.sharedmemory.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/** Finds programs on the {@code PATH}, the way {@code command -v} does. */
public final class Executables {

    /** The redis-server that the embedded-redis dependency ships for linux-amd64 (Redis 6.2). */
    private static final String BUNDLED_REDIS = "redis-server-6.2.6-v5-linux-amd64";

    private Executables() {
    }

    /**
     * The machine's {@code redis-server}, or else the one the embedded-redis dependency ships,
     * copied into {@code directory}: so the Redis rows run on a machine without Redis installed
     * (only {@code redis-benchmark}'s rows then need the Debian package).
     * @param directory where a bundled binary is copied to
     * @return the program, or empty if neither is there
     * @throws IOException if the bundled binary cannot be copied
     */
    public static Optional<Path> redisServer(Path directory) throws IOException {
        Optional<Path> installed = find("redis-server");
        if (installed.isPresent()) {
            return installed;
        }
        try (InputStream bundled = Executables.class.getClassLoader().getResourceAsStream(BUNDLED_REDIS)) {
            if (bundled == null) {
                return Optional.empty();
            }
            Path target = Files.createDirectories(directory).resolve("redis-server");
            Files.copy(bundled, target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
            return Optional.of(target);
        }
    }

    /**
     * Looks a program up.
     * @param name the program's name
     * @return its path, or empty if it is not installed
     */
    public static Optional<Path> find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
