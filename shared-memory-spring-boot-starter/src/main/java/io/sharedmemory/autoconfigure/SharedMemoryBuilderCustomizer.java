package io.sharedmemory.autoconfigure;

import io.sharedmemory.core.SharedMemory;

/**
 * Callback to adjust the {@link SharedMemory.Builder} after the {@code shared-memory.*}
 * properties were applied and before the auto-configured store is built. Declare one as a
 * bean; several are applied in {@link org.springframework.core.annotation.Order order}.
 */
@FunctionalInterface
public interface SharedMemoryBuilderCustomizer {

    /**
     * Customizes the builder.
     * @param builder the builder, already holding the configured settings
     */
    void customize(SharedMemory.Builder builder);
}
