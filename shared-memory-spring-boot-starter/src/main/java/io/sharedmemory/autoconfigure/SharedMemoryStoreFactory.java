package io.sharedmemory.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.sharedmemory.core.InvalidSocketPathException;
import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryStore;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Validates {@link SharedMemoryProperties} and turns them into an unstarted
 * {@link SharedMemoryStore}. Validation happens here, before the core sees the values, so that a
 * bad value fails startup with the name of the property that holds it.
 */
public final class SharedMemoryStoreFactory {

    private static final int MIN_FRAME_SIZE = 64;

    private SharedMemoryStoreFactory() {
    }

    /**
     * Validates the properties and builds a store in the configured role.
     * @param properties the bound properties
     * @param classLoader the class loader that decodes records and plain objects
     * @param customizers callbacks applied after the properties
     * @return the store, not started
     * @throws InvalidSocketPathException if {@code shared-memory.socket-path} is too long
     * @throws InvalidConfigurationPropertyValueException if another property is out of range
     */
    public static SharedMemoryStore create(SharedMemoryProperties properties, ClassLoader classLoader,
            List<SharedMemoryBuilderCustomizer> customizers) {
        SharedMemory.Builder builder = SharedMemory.builder()
                .socketPath(checkSocketPath(properties.getSocketPath()))
                .requestTimeout(checkRequestTimeout(properties.getRequestTimeout()))
                .maxFrameSize(checkMaxFrameSize(properties.getMaxFrameSize()))
                .maxPendingMessages(checkMaxPendingMessages(properties.getMaxPendingMessages()))
                .trustedPackages(properties.getCodec().getTrustedPackages())
                .allowedUsers(properties.getAllowedUsers())
                .classLoader(classLoader);
        customizers.forEach((customizer) -> customizer.customize(builder));
        return builder.build(properties.getRole());
    }

    /**
     * Requires a socket path; its length is checked by the core when the store is built, which
     * throws {@link InvalidSocketPathException} (analyzed as a {@code shared-memory.socket-path}
     * failure).
     * @param socketPath the path
     * @return the same path
     */
    private static Path checkSocketPath(Path socketPath) {
        if (socketPath == null) {
            throw new InvalidConfigurationPropertyValueException("shared-memory.socket-path", null,
                    "a socket path is required");
        }
        return socketPath;
    }

    private static Duration checkRequestTimeout(Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new InvalidConfigurationPropertyValueException("shared-memory.request-timeout", timeout,
                    "the request timeout must be positive");
        }
        return timeout;
    }

    private static int checkMaxFrameSize(DataSize size) {
        if (size == null || size.toBytes() < MIN_FRAME_SIZE || size.toBytes() > Integer.MAX_VALUE) {
            throw new InvalidConfigurationPropertyValueException("shared-memory.max-frame-size", size,
                    "the maximum frame size must be between " + MIN_FRAME_SIZE + "B and "
                            + Integer.MAX_VALUE + "B");
        }
        return (int) size.toBytes();
    }

    private static int checkMaxPendingMessages(int max) {
        if (max < 1) {
            throw new InvalidConfigurationPropertyValueException("shared-memory.max-pending-messages", max,
                    "at least one pending message must be allowed");
        }
        return max;
    }
}
