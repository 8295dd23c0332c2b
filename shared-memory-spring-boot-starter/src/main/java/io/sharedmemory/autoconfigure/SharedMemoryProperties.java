package io.sharedmemory.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.sharedmemory.core.Role;
import io.sharedmemory.core.SharedMemorySettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for shared-memory, bound from the {@code shared-memory.*} namespace.
 */
// Defaults are written as literals (equal to the SharedMemory builder's) so that the
// configuration processor can record them in the metadata IDEs show.
@ConfigurationProperties("shared-memory")
public class SharedMemoryProperties {

    /**
     * Whether to create the shared-memory store, its listeners and the child process launcher.
     */
    private boolean enabled = true;

    /**
     * Role this process plays: 'main' owns the data and binds the socket; 'child' connects to
     * the main process over the socket; 'redis' makes every process an equal client of the Redis
     * server that spring.data.redis.* configures.
     */
    private Role role = Role.MAIN;

    /**
     * Unix-domain socket that the main process binds and children connect to. At most 107
     * bytes (UTF-8). Defaults to ${java.io.tmpdir}/shared-memory-${user.name}/default.sock.
     */
    private Path socketPath = SharedMemorySettings.defaultSocketPath();

    /**
     * Longest time a call waits for its reply (from the main process, or from Redis) before
     * failing with SharedMemoryUnavailableException. A bare number means milliseconds.
     */
    private Duration requestTimeout = Duration.ofSeconds(5);

    /**
     * Largest frame accepted on the socket; a larger frame is refused and its connection
     * closed. A bare number means bytes.
     */
    private DataSize maxFrameSize = DataSize.ofMegabytes(16);

    /**
     * Soft limit, in messages, of the backlog the main process keeps for one child: a child over
     * it for longer than subscriber-limits.soft-duration is disconnected (it reconnects). Also
     * the most messages a process lets wait for its own listeners; past it the main process
     * drops messages for its own listeners (and counts them).
     */
    private int maxPendingMessages = 10000;

    /**
     * Limits of the backlog the main process keeps for one child.
     */
    @NestedConfigurationProperty
    private final SubscriberLimitsProperties subscriberLimits = new SubscriberLimitsProperties();

    /**
     * How the main process keeps its data across restarts.
     */
    @NestedConfigurationProperty
    private final PersistenceProperties persistence = new PersistenceProperties();

    /**
     * User names, besides the main process's own user, whose processes may connect.
     */
    private List<String> allowedUsers = new ArrayList<>();

    private final Codec codec = new Codec();

    private final Launcher launcher = new Launcher();

    private final Redis redis = new Redis();

    @NestedConfigurationProperty
    private final SharedMemoryCacheProperties cache = new SharedMemoryCacheProperties();

    /**
     * The near cache of the child and redis roles.
     */
    @NestedConfigurationProperty
    private final NearCacheProperties nearCache = new NearCacheProperties();

    @NestedConfigurationProperty
    private final SharedMemoryChildProperties child = new SharedMemoryChildProperties();

    /**
     * Tells whether shared-memory is enabled.
     * @return {@code true} unless {@code shared-memory.enabled=false}
     */
    public boolean isEnabled() {
        return this.enabled;
    }

    /**
     * Enables or disables shared-memory.
     * @param enabled whether to create the store and its companions
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * The role this process plays.
     * @return main or child
     */
    public Role getRole() {
        return this.role;
    }

    /**
     * Sets the role this process plays.
     * @param role main or child
     */
    public void setRole(Role role) {
        this.role = role;
    }

    /**
     * The socket path.
     * @return the socket path
     */
    public Path getSocketPath() {
        return this.socketPath;
    }

    /**
     * Sets the socket path.
     * @param socketPath the socket path
     */
    public void setSocketPath(Path socketPath) {
        this.socketPath = socketPath;
    }

    /**
     * A child's per-call limit.
     * @return the request timeout
     */
    public Duration getRequestTimeout() {
        return this.requestTimeout;
    }

    /**
     * Sets a child's per-call limit.
     * @param requestTimeout the request timeout
     */
    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    /**
     * The largest frame accepted on the socket.
     * @return the maximum frame size
     */
    public DataSize getMaxFrameSize() {
        return this.maxFrameSize;
    }

    /**
     * Sets the largest frame accepted on the socket.
     * @param maxFrameSize the maximum frame size
     */
    public void setMaxFrameSize(DataSize maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    /**
     * The soft limit, in messages, of main's backlog for one child.
     * @return the maximum number of pending messages
     */
    public int getMaxPendingMessages() {
        return this.maxPendingMessages;
    }

    /**
     * Sets the soft limit, in messages, of main's backlog for one child.
     * @param maxPendingMessages the maximum number of pending messages
     */
    public void setMaxPendingMessages(int maxPendingMessages) {
        this.maxPendingMessages = maxPendingMessages;
    }

    /**
     * The limits of main's backlog for one child, in bytes and time.
     * @return the subscriber limits
     */
    public SubscriberLimitsProperties getSubscriberLimits() {
        return this.subscriberLimits;
    }

    /**
     * The near cache of the child and redis roles ({@code shared-memory.near-cache.*}).
     * @return the near cache settings
     */
    public NearCacheProperties getNearCache() {
        return this.nearCache;
    }

    /**
     * How main keeps its data across restarts.
     * @return the persistence properties
     */
    public PersistenceProperties getPersistence() {
        return this.persistence;
    }

    /**
     * The user names, besides main's own, that may connect.
     * @return the allowed users
     */
    public List<String> getAllowedUsers() {
        return this.allowedUsers;
    }

    /**
     * Sets the user names, besides main's own, that may connect.
     * @param allowedUsers the allowed users
     */
    public void setAllowedUsers(List<String> allowedUsers) {
        this.allowedUsers = allowedUsers;
    }

    /**
     * The value codec settings.
     * @return the codec settings
     */
    public Codec getCodec() {
        return this.codec;
    }

    /**
     * The settings of the redis role.
     * @return the redis settings
     */
    public Redis getRedis() {
        return this.redis;
    }

    /**
     * The child process launcher settings.
     * @return the launcher settings
     */
    public Launcher getLauncher() {
        return this.launcher;
    }

    /**
     * The Spring Cache settings ({@code shared-memory.cache.*}).
     * @return the cache settings
     */
    public SharedMemoryCacheProperties getCache() {
        return this.cache;
    }

    /**
     * The settings of a process started by a {@code ChildProcessLauncher}
     * ({@code shared-memory.child.*}).
     * @return the child settings
     */
    public SharedMemoryChildProperties getChild() {
        return this.child;
    }

    /** Settings of the codec that encodes and decodes stored values and messages. */
    public static class Codec {

        /**
         * Packages whose records and plain objects may be decoded, besides java.lang,
         * java.util and java.time. Classes are loaded with the application's class loader.
         */
        private List<String> trustedPackages = new ArrayList<>();

        /**
         * The trusted packages.
         * @return package names
         */
        public List<String> getTrustedPackages() {
            return this.trustedPackages;
        }

        /**
         * Sets the trusted packages.
         * @param trustedPackages package names
         */
        public void setTrustedPackages(List<String> trustedPackages) {
            this.trustedPackages = trustedPackages;
        }
    }

    /** Settings of the {@code ChildProcessLauncher} (main role only). */
    public static class Launcher {

        /**
         * Main class a child JVM runs when no command is given. Defaults to the class of the
         * @SpringBootApplication bean, and is ignored when this application runs from an
         * executable Spring Boot jar (the jar is launched again).
         */
        private String mainClass;

        /**
         * How long a stopping child may take to exit after it was asked to, before it is
         * killed.
         */
        private Duration stopTimeout = Duration.ofSeconds(10);

        /**
         * The main class of child JVMs.
         * @return a class name, or {@code null} to deduce it
         */
        public String getMainClass() {
            return this.mainClass;
        }

        /**
         * Sets the main class of child JVMs.
         * @param mainClass a fully qualified class name
         */
        public void setMainClass(String mainClass) {
            this.mainClass = mainClass;
        }

        /**
         * The grace period of a stopping child.
         * @return the stop timeout
         */
        public Duration getStopTimeout() {
            return this.stopTimeout;
        }

        /**
         * Sets the grace period of a stopping child.
         * @param stopTimeout the stop timeout
         */
        public void setStopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
        }
    }

    /** Settings of the redis role; the connection itself is Spring Boot's {@code spring.data.redis.*}. */
    public static class Redis {

        /**
         * Prefix of every key and channel in Redis, so that several applications can share one
         * server.
         */
        private String keyPrefix = "shared-memory:";

        /**
         * The key prefix.
         * @return the prefix
         */
        public String getKeyPrefix() {
            return this.keyPrefix;
        }

        /**
         * Sets the key prefix.
         * @param keyPrefix the prefix
         */
        public void setKeyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }
    }
}
