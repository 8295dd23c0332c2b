package io.sharedmemory.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The settings of one store, in either role. Build them with {@link SharedMemory#builder()}.
 *
 * @param socketPath the Unix-domain socket that main binds and children connect to (unused by a Redis client)
 * @param requestTimeout the longest a call waits for its reply (from main, or from Redis)
 * @param maxFrameSize the largest frame, in bytes, accepted on the socket
 * @param maxPendingMessages the soft limit, in messages, of main's backlog for one child (see
 *        {@link SubscriberLimits}), and the most messages a process lets wait for its own listeners
 * @param trustedPackages packages, besides {@code java.lang}, {@code java.util} and
 *        {@code java.time}, whose classes may be decoded
 * @param allowedUsers user names, besides main's own, whose processes may connect
 * @param classLoader the class loader that decodes records and plain objects
 * @param subscriberLimits when main cuts off a child that falls behind on its messages
 * @param persistence how main keeps its data across restarts (ignored by the other roles)
 */
public record SharedMemorySettings(Path socketPath, Duration requestTimeout, int maxFrameSize,
        int maxPendingMessages, Set<String> trustedPackages, Set<String> allowedUsers,
        ClassLoader classLoader, SubscriberLimits subscriberLimits, PersistenceSettings persistence) {

    /** The smallest frame limit: room for the largest fixed-size frame. */
    public static final int MIN_FRAME_SIZE = 64;

    /**
     * Validates and copies the settings. Every limit is checked here and nowhere else; a
     * container that binds them from its own properties reports {@link InvalidSettingException}
     * against the property behind {@link InvalidSettingException#getSetting()}.
     * @throws InvalidSettingException if a limit is out of range
     */
    public SharedMemorySettings {
        Objects.requireNonNull(socketPath, "socketPath");
        Objects.requireNonNull(classLoader, "classLoader");
        Objects.requireNonNull(subscriberLimits, "subscriberLimits");
        Objects.requireNonNull(persistence, "persistence");
        if (requestTimeout == null || requestTimeout.isZero() || requestTimeout.isNegative()) {
            throw new InvalidSettingException("requestTimeout", requestTimeout, "must be positive");
        }
        checkMaxFrameSize(maxFrameSize);
        if (maxPendingMessages < 1) {
            throw new InvalidSettingException("maxPendingMessages", maxPendingMessages, "must be at least 1");
        }
        checkSubscriberLimits(subscriberLimits, maxFrameSize);
        trustedPackages = Set.copyOf(trustedPackages);
        allowedUsers = Set.copyOf(allowedUsers);
    }

    /**
     * Settings without persistence, as before it existed.
     * @param socketPath the socket
     * @param requestTimeout the longest a call waits
     * @param maxFrameSize the largest frame
     * @param maxPendingMessages the backlog limit in messages
     * @param trustedPackages packages whose classes may be decoded
     * @param allowedUsers users besides main's own that may connect
     * @param classLoader decodes records and plain objects
     * @param subscriberLimits when main cuts off a slow child
     * @throws InvalidSettingException if a limit is out of range
     */
    public SharedMemorySettings(Path socketPath, Duration requestTimeout, int maxFrameSize, int maxPendingMessages,
            Set<String> trustedPackages, Set<String> allowedUsers, ClassLoader classLoader,
            SubscriberLimits subscriberLimits) {
        this(socketPath, requestTimeout, maxFrameSize, maxPendingMessages, trustedPackages, allowedUsers,
                classLoader, subscriberLimits, PersistenceSettings.none());
    }

    /**
     * Checks a frame limit given as a long, as configuration binds it.
     * @param maxFrameSize bytes
     * @return the limit as an int
     * @throws InvalidSettingException if it is below {@link #MIN_FRAME_SIZE} or above {@code Integer.MAX_VALUE}
     */
    public static int checkMaxFrameSize(long maxFrameSize) {
        if (maxFrameSize < MIN_FRAME_SIZE || maxFrameSize > Integer.MAX_VALUE) {
            throw new InvalidSettingException("maxFrameSize", maxFrameSize,
                    "must be between " + MIN_FRAME_SIZE + " and " + Integer.MAX_VALUE + " bytes");
        }
        return (int) maxFrameSize;
    }

    /**
     * The hard limit must hold the largest message, or one such message would cut every child
     * subscribed to it; a soft limit above the hard one would never act.
     */
    private static void checkSubscriberLimits(SubscriberLimits limits, int maxFrameSize) {
        if (limits.hardBytes() < maxFrameSize) {
            throw new InvalidSettingException("subscriberHardLimit", limits.hardBytes(),
                    "must be at least the frame limit (" + maxFrameSize + " bytes), so that the largest message fits");
        }
        if (limits.softBytes() < 1 || limits.softBytes() > limits.hardBytes()) {
            throw new InvalidSettingException("subscriberSoftLimit", limits.softBytes(),
                    "must be between 1 byte and the hard limit (" + limits.hardBytes() + " bytes)");
        }
        if (limits.softDuration().isNegative()) {
            throw new InvalidSettingException("subscriberSoftDuration", limits.softDuration(),
                    "must not be negative");
        }
    }

    /**
     * Checks that the socket path can be bound or connected to; the socket roles call it when
     * they are built, a Redis client never does.
     * @throws InvalidSocketPathException if the path is too long for the operating system
     */
    public void checkSocketPath() {
        checkSocketPathLength(this.socketPath);
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
