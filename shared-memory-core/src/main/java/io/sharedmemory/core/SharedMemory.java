package io.sharedmemory.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.sharedmemory.core.internal.client.ChildKeyValueStore;
import io.sharedmemory.core.internal.codec.ValueCodec;
import io.sharedmemory.core.internal.nearcache.NearCacheSettings;
import io.sharedmemory.core.internal.nearcache.NearCachedStore;
import io.sharedmemory.core.internal.server.MainKeyValueStore;

/**
 * Creates stores without Spring.
 * <pre>{@code
 * // in the main process
 * try (KeyValueStore store = SharedMemory.builder().socketPath(path).startMain()) { ... }
 * // in a child process
 * try (KeyValueStore store = SharedMemory.builder().socketPath(path).connectChild()) { ... }
 * }</pre>
 */
public final class SharedMemory {

    /** The default largest frame: 16 MiB. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 16 * 1024 * 1024;

    /** The default soft limit, in messages, of main's backlog for one child. */
    public static final int DEFAULT_MAX_PENDING_MESSAGES = 10_000;

    /** The default per-call limit of a child. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private SharedMemory() {
    }

    /**
     * Starts a builder with the defaults of the contract.
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects settings, then builds a store in either role. Not thread-safe. */
    public static final class Builder {

        private Path socketPath = SharedMemorySettings.defaultSocketPath();
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private long maxFrameSize = DEFAULT_MAX_FRAME_SIZE;
        private int maxPendingMessages = DEFAULT_MAX_PENDING_MESSAGES;
        private long subscriberHardLimit = SubscriberLimits.DEFAULT_HARD_BYTES;
        private long subscriberSoftLimit = SubscriberLimits.DEFAULT_SOFT_BYTES;
        private Duration subscriberSoftDuration = SubscriberLimits.DEFAULT_SOFT_DURATION;

        private PersistenceSettings.Mode persistenceMode = PersistenceSettings.Mode.NONE;
        private Path persistenceDirectory;
        private Duration snapshotInterval = PersistenceSettings.DEFAULT_SNAPSHOT_INTERVAL;
        private PersistenceSettings.Fsync fsync = PersistenceSettings.Fsync.EVERYSEC;

        private StoreObserver observer = StoreObserver.NONE;
        private final Set<String> trustedPackages = new LinkedHashSet<>();
        private final Set<String> allowedUsers = new LinkedHashSet<>();
        private ClassLoader classLoader;

        private boolean nearCache;
        private List<String> nearCacheKeys = List.of("*");
        private int nearCacheMaxEntries = NearCacheSettings.DEFAULT_MAX_ENTRIES;

        private Builder() {
        }

        /**
         * Sets the socket path.
         * @param socketPath the socket
         * @return this builder
         */
        public Builder socketPath(Path socketPath) {
            this.socketPath = Objects.requireNonNull(socketPath, "socketPath");
            return this;
        }

        /**
         * Sets a child's per-call limit.
         * @param requestTimeout the limit, positive
         * @return this builder
         */
        public Builder requestTimeout(Duration requestTimeout) {
            // Checked with the other limits, by the settings.
            this.requestTimeout = requestTimeout;
            return this;
        }

        /**
         * Sets the largest frame accepted on the socket.
         * @param maxFrameSize bytes, from 64 to {@code Integer.MAX_VALUE}
         * @return this builder
         */
        public Builder maxFrameSize(long maxFrameSize) {
            this.maxFrameSize = maxFrameSize;
            return this;
        }

        /**
         * Sets the soft limit, in messages, of main's backlog for one child (see
         * {@link SubscriberLimits}), and the most messages a process lets wait for its own listeners.
         * @param maxPendingMessages messages, at least 1
         * @return this builder
         */
        public Builder maxPendingMessages(int maxPendingMessages) {
            this.maxPendingMessages = maxPendingMessages;
            return this;
        }

        /**
         * Sets the backlog for one child that makes main cut it off at once.
         * @param bytes at least the frame limit; 32 MiB by default
         * @return this builder
         */
        public Builder subscriberHardLimit(long bytes) {
            this.subscriberHardLimit = bytes;
            return this;
        }

        /**
         * Sets the backlog for one child that main allows for less than
         * {@link #subscriberSoftDuration(Duration)}.
         * @param bytes from 1 to the hard limit; 8 MiB by default
         * @return this builder
         */
        public Builder subscriberSoftLimit(long bytes) {
            this.subscriberSoftLimit = bytes;
            return this;
        }

        /**
         * Sets how long a child may stay over a soft limit (bytes or messages) before main cuts it off.
         * @param duration zero or more (zero cuts at once); 10 s by default
         * @return this builder
         */
        public Builder subscriberSoftDuration(Duration duration) {
            this.subscriberSoftDuration = duration;
            return this;
        }

        /**
         * Adds packages whose classes may be decoded.
         * @param packages package names, e.g. {@code com.example.model}
         * @return this builder
         */
        public Builder trustedPackages(Collection<String> packages) {
            this.trustedPackages.addAll(packages);
            return this;
        }

        /**
         * Adds packages whose classes may be decoded.
         * @param packages package names
         * @return this builder
         */
        public Builder trustedPackages(String... packages) {
            return trustedPackages(Set.of(packages));
        }

        /**
         * Adds user names, besides main's own, that may connect.
         * @param users user names
         * @return this builder
         */
        public Builder allowedUsers(Collection<String> users) {
            this.allowedUsers.addAll(users);
            return this;
        }

        /**
         * Sets the class loader that decodes records and plain objects; the thread context
         * class loader by default.
         * @param classLoader the class loader
         * @return this builder
         */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        /**
         * Sets what main writes to disk so that a restart loses nothing; {@code NONE} by default.
         * @param mode none, snapshot or log
         * @return this builder
         */
        public Builder persistenceMode(PersistenceSettings.Mode mode) {
            this.persistenceMode = mode;
            return this;
        }

        /**
         * Sets where main keeps its files; required unless the mode is {@code NONE}. One live
         * main at a time may hold a directory.
         * @param directory the directory, created if absent
         * @return this builder
         */
        public Builder persistenceDirectory(Path directory) {
            this.persistenceDirectory = directory;
            return this;
        }

        /**
         * Sets how often a snapshot is written in mode {@code SNAPSHOT}; 60 s by default.
         * @param interval positive
         * @return this builder
         */
        public Builder snapshotInterval(Duration interval) {
            this.snapshotInterval = interval;
            return this;
        }

        /**
         * Sets when the log is forced to disk in mode {@code LOG}; {@code EVERYSEC} by default.
         * @param fsync always, everysec or no
         * @return this builder
         */
        public Builder fsync(PersistenceSettings.Fsync fsync) {
            this.fsync = fsync;
            return this;
        }

        /**
         * Sets who learns what the store does, for metrics; nobody by default.
         * @param observer the observer
         * @return this builder
         */
        public Builder observer(StoreObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * Turns the near cache of a child on or off (off by default): values it reads are kept
         * in the process, bounded, and dropped when main tells that their key changed; the
         * process always reads its own writes, and a lost connection empties the cache. Main
         * ignores it (its reads are in memory already).
         * @param enabled {@code true} to cache
         * @return this builder
         */
        public Builder nearCache(boolean enabled) {
            this.nearCache = enabled;
            return this;
        }

        /**
         * Sets which keys the near cache may hold; every key ({@code *}) by default.
         * @param globPatterns glob patterns, at least one
         * @return this builder
         */
        public Builder nearCacheKeys(Collection<String> globPatterns) {
            this.nearCacheKeys = new java.util.ArrayList<>(Objects.requireNonNull(globPatterns, "globPatterns"));
            return this;
        }

        /**
         * Sets the most keys the near cache holds (least recently and frequently used go first).
         * @param maxEntries at least 1; 10000 by default
         * @return this builder
         */
        public Builder nearCacheMaxEntries(int maxEntries) {
            this.nearCacheMaxEntries = maxEntries;
            return this;
        }

        /**
         * Freezes the settings.
         * @return the settings
         * @throws InvalidSettingException if a limit is out of range
         */
        public SharedMemorySettings settings() {
            ClassLoader loader = (this.classLoader != null) ? this.classLoader : defaultClassLoader();
            if (this.subscriberSoftDuration == null) {
                throw new InvalidSettingException("subscriberSoftDuration", null, "is required");
            }
            SubscriberLimits limits = new SubscriberLimits(this.subscriberHardLimit, this.subscriberSoftLimit,
                    this.subscriberSoftDuration);
            return new SharedMemorySettings(this.socketPath, this.requestTimeout,
                    SharedMemorySettings.checkMaxFrameSize(this.maxFrameSize),
                    this.maxPendingMessages, this.trustedPackages, this.allowedUsers, loader, limits,
                    new PersistenceSettings(this.persistenceMode, this.persistenceDirectory, this.snapshotInterval,
                            this.fsync));
        }

        /**
         * Builds a store that is not started yet.
         * @param role {@link Role#MAIN} or {@link Role#CHILD}; a Redis client is built by the
         *        Spring Boot starter's {@code RedisKeyValueStore}, on a Redis connection factory
         * @return the store; call {@link SharedMemoryStore#start()} before use
         * @throws IllegalArgumentException for {@link Role#REDIS}
         */
        public SharedMemoryStore build(Role role) {
            SharedMemorySettings settings = settings();
            return switch (Objects.requireNonNull(role, "role")) {
                case MAIN -> new MainKeyValueStore(settings, this.observer);
                case CHILD -> child(settings);
                case REDIS -> throw new IllegalArgumentException("Role REDIS needs a Redis connection: build "
                        + "io.sharedmemory.redis.RedisKeyValueStore (shared-memory-spring-boot-starter) instead");
            };
        }

        /**
         * Builds and starts a main store: binds the socket.
         * @return the started store
         * @throws SocketInUseException if a live main already serves the socket
         */
        public SharedMemoryStore startMain() {
            return started(build(Role.MAIN));
        }

        /**
         * Builds and starts a child store: connects to main, or keeps trying in the background.
         * @return the started store
         */
        public SharedMemoryStore connectChild() {
            return started(build(Role.CHILD));
        }

        private SharedMemoryStore child(SharedMemorySettings settings) {
            if (!this.nearCache) {
                return new ChildKeyValueStore(settings, this.observer);
            }
            NearCacheSettings cache = new NearCacheSettings(this.nearCacheKeys, this.nearCacheMaxEntries);
            return NearCachedStore.over(new ChildKeyValueStore(settings, this.observer), cache,
                    new ValueCodec(settings.trustedPackages(), settings.classLoader()), this.observer);
        }

        private static SharedMemoryStore started(SharedMemoryStore store) {
            try {
                store.start();
                return store;
            }
            catch (RuntimeException ex) {
                store.close();
                throw ex;
            }
        }

        private static ClassLoader defaultClassLoader() {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return (context != null) ? context : SharedMemory.class.getClassLoader();
        }
    }
}
