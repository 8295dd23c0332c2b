package io.sharedmemory.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The settings of one store, in either role. Build them with {@link SharedMemory#builder()}.
 *
 * @param socketPath the Unix-domain socket that main binds and children connect to
 * @param requestTimeout the longest a child's call waits for main's reply
 * @param maxFrameSize the largest frame, in bytes, accepted on the socket
 * @param maxPendingMessages the longest outbound message queue that main keeps for one child
 * @param trustedPackages packages, besides {@code java.lang}, {@code java.util} and
 *        {@code java.time}, whose classes may be decoded
 * @param allowedUsers user names, besides main's own, whose processes may connect
 * @param classLoader the class loader that decodes records and plain objects
 */
public record SharedMemorySettings(Path socketPath, Duration requestTimeout, int maxFrameSize,
        int maxPendingMessages, Set<String> trustedPackages, Set<String> allowedUsers,
        ClassLoader classLoader) {

    /**
     * Validates and copies the settings.
     * @throws InvalidSocketPathException if the socket path is too long for the operating system
     */
    public SharedMemorySettings {
        Objects.requireNonNull(socketPath, "socketPath");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(classLoader, "classLoader");
        checkSocketPathLength(socketPath);
        if (requestTimeout.isZero() || requestTimeout.isNegative()) {
            throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
        }
        if (maxFrameSize < 64) {
            throw new IllegalArgumentException("maxFrameSize must be at least 64 bytes: " + maxFrameSize);
        }
        if (maxPendingMessages < 1) {
            throw new IllegalArgumentException("maxPendingMessages must be positive: " + maxPendingMessages);
        }
        trustedPackages = Set.copyOf(trustedPackages);
        allowedUsers = Set.copyOf(allowedUsers);
    }

    /**
     * Checks the operating system's limit on socket path length; the kernel counts bytes, not
     * characters, of the absolute path.
     * @throws InvalidSocketPathException if the path is too long
     */
    private static void checkSocketPathLength(Path socketPath) {
        Path absolute = socketPath.toAbsolutePath();
        int bytes = absolute.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > InvalidSocketPathException.MAX_PATH_BYTES) {
            throw new InvalidSocketPathException(absolute, "it is " + bytes
                    + " bytes long and Unix-domain socket paths are limited to "
                    + InvalidSocketPathException.MAX_PATH_BYTES + " bytes");
        }
    }

    /**
     * The default socket, {@code ${java.io.tmpdir}/shared-memory-${user.name}/default.sock}.
     * @return the default socket path
     */
    public static Path defaultSocketPath() {
        return Path.of(System.getProperty("java.io.tmpdir"),
                "shared-memory-" + System.getProperty("user.name"), "default.sock");
    }
}
