package io.sharedmemory.autoconfigure;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.sharedmemory.core.InvalidSettingException;
import io.sharedmemory.core.InvalidSocketPathException;
import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemorySettings;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.StoreObserver;
import io.sharedmemory.core.internal.nearcache.NearCacheSettings;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Turns {@link SharedMemoryProperties} into the core's settings and stores. The limits are
 * validated by the core ({@link SharedMemorySettings}) and nowhere else; a refused value is
 * reported here against the property that holds it.
 */
public final class SharedMemoryStoreFactory {

    /** The properties behind the core's setting names. */
    private static final Map<String, String> PROPERTIES = Map.ofEntries(
            Map.entry("requestTimeout", "shared-memory.request-timeout"),
            Map.entry("maxFrameSize", "shared-memory.max-frame-size"),
            Map.entry("maxPendingMessages", "shared-memory.max-pending-messages"),
            Map.entry("subscriberHardLimit", "shared-memory.subscriber-limits.hard"),
            Map.entry("subscriberSoftLimit", "shared-memory.subscriber-limits.soft"),
            Map.entry("subscriberSoftDuration", "shared-memory.subscriber-limits.soft-duration"),
            Map.entry("persistenceMode", "shared-memory.persistence.mode"),
            Map.entry("persistenceDirectory", "shared-memory.persistence.directory"),
            Map.entry("snapshotInterval", "shared-memory.persistence.snapshot-interval"),
            Map.entry("fsync", "shared-memory.persistence.fsync"),
            Map.entry("nearCacheKeys", "shared-memory.near-cache.keys"),
            Map.entry("nearCacheMaxEntries", "shared-memory.near-cache.max-entries"));

    private SharedMemoryStoreFactory() {
    }

    /**
     * Validates the properties and builds a main or child store.
     * @param properties the bound properties
     * @param classLoader the class loader that decodes records and plain objects
     * @param customizers callbacks applied after the properties
     * @return the store, not started
     * @throws InvalidSocketPathException if {@code shared-memory.socket-path} is too long
     * @throws InvalidConfigurationPropertyValueException if another property is out of range
     */
    public static SharedMemoryStore create(SharedMemoryProperties properties, ClassLoader classLoader,
            List<SharedMemoryBuilderCustomizer> customizers) {
        return create(properties, classLoader, customizers, StoreObserver.NONE);
    }

    /**
     * Validates the properties and builds a main or child store that tells an observer what it does.
     * @param properties the bound properties
     * @param classLoader the class loader that decodes records and plain objects
     * @param customizers callbacks applied after the properties
     * @param observer learns of calls and messages, for metrics
     * @return the store, not started
     * @throws InvalidSocketPathException if {@code shared-memory.socket-path} is too long
     * @throws InvalidConfigurationPropertyValueException if another property is out of range
     */
    public static SharedMemoryStore create(SharedMemoryProperties properties, ClassLoader classLoader,
            List<SharedMemoryBuilderCustomizer> customizers, StoreObserver observer) {
        SharedMemory.Builder builder = builder(properties, classLoader, customizers).observer(observer);
        return reported(() -> builder.build(properties.getRole()));
    }

    /**
     * Validates the properties that apply in every role.
     * @param properties the bound properties
     * @param classLoader the class loader that decodes records and plain objects
     * @param customizers callbacks applied after the properties
     * @return the settings
     * @throws InvalidConfigurationPropertyValueException if a property is out of range
     */
    public static SharedMemorySettings settings(SharedMemoryProperties properties, ClassLoader classLoader,
            List<SharedMemoryBuilderCustomizer> customizers) {
        SharedMemory.Builder builder = builder(properties, classLoader, customizers);
        return reported(builder::settings);
    }

    private static SharedMemory.Builder builder(SharedMemoryProperties properties, ClassLoader classLoader,
            List<SharedMemoryBuilderCustomizer> customizers) {
        Path socketPath = properties.getSocketPath();
        if (socketPath == null) {
            throw new InvalidConfigurationPropertyValueException("shared-memory.socket-path", null,
                    "a socket path is required");
        }
        // The builder only collects; its settings() validates the limits, inside reported(...).
        SubscriberLimitsProperties limits = properties.getSubscriberLimits();
        SharedMemory.Builder builder = SharedMemory.builder()
                .socketPath(socketPath)
                .requestTimeout(properties.getRequestTimeout())
                .maxFrameSize(bytes(properties.getMaxFrameSize()))
                .maxPendingMessages(properties.getMaxPendingMessages())
                .subscriberHardLimit(bytes(limits.getHard()))
                .subscriberSoftLimit(bytes(limits.getSoft()))
                .subscriberSoftDuration(limits.getSoftDuration())
                .persistenceMode(properties.getPersistence().getMode())
                .persistenceDirectory(properties.getPersistence().getDirectory())
                .snapshotInterval(properties.getPersistence().getSnapshotInterval())
                .fsync(properties.getPersistence().getFsync())
                .trustedPackages(properties.getCodec().getTrustedPackages())
                .allowedUsers(properties.getAllowedUsers())
                .classLoader(classLoader)
                .nearCache(properties.getNearCache().isEnabled())
                .nearCacheKeys(properties.getNearCache().getKeys())
                .nearCacheMaxEntries(properties.getNearCache().getMaxEntries());
        customizers.forEach((customizer) -> customizer.customize(builder));
        return builder;
    }

    /**
     * Validates the near cache properties, for the role (redis) that builds its store itself.
     * @param properties the bound properties
     * @return the near cache settings, or {@code null} if the near cache is off
     * @throws InvalidConfigurationPropertyValueException if a property is out of range
     */
    public static NearCacheSettings nearCache(SharedMemoryProperties properties) {
        NearCacheProperties nearCache = properties.getNearCache();
        if (!nearCache.isEnabled()) {
            return null;
        }
        return reported(() -> new NearCacheSettings(nearCache.getKeys(), nearCache.getMaxEntries()));
    }

    /** A missing size becomes -1, which the core refuses, naming the property. */
    private static long bytes(DataSize size) {
        return (size != null) ? size.toBytes() : -1;
    }

    private static <T> T reported(Supplier<T> step) {
        try {
            return step.get();
        }
        catch (InvalidSettingException ex) {
            String property = PROPERTIES.getOrDefault(ex.getSetting(), ex.getSetting());
            throw new InvalidConfigurationPropertyValueException(property, ex.getValue(),
                    "it " + ex.getReason());
        }
    }
}
