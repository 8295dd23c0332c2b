package io.sharedmemory.sample;

import io.sharedmemory.core.KeyEvent;
import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.spring.SharedMemoryListener;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * A child's watch of the configuration keys: whichever process changes one, every child logs
 * {@code old -> new} and tells main it saw it.
 */
@Component
@ConditionalOnProperty(prefix = "sample", name = "part", havingValue = "worker")
class ConfigWatcher {

    private final KeyValueStore store;

    ConfigWatcher(KeyValueStore store) {
        this.store = store;
    }

    /**
     * Logs a configuration change and acknowledges it.
     * @param event the change
     */
    @SharedMemoryListener(keys = Channels.CONFIG_PREFIX + "*")
    void onConfigChange(KeyEvent event) {
        System.out.printf("config %s: %s -> %s%n", event.key(), event.oldValue(), event.newValue());
        this.store.increment(Channels.CONFIG_ACKS, 1);
    }
}
