package io.sharedmemory.spring;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import io.sharedmemory.core.KeyEvent;

/**
 * One key watcher to register: the key patterns it watches and the invoker that delivers a
 * change to it.
 *
 * @param id a readable name of the listener, for logs (typically {@code bean.method(params)})
 * @param keys key glob patterns, placeholders resolved
 * @param invoker delivers each {@link KeyEvent}; never throws
 */
public record SharedMemoryKeyListenerEndpoint(String id, List<String> keys, Consumer<KeyEvent> invoker) {

    /**
     * Validates and copies the endpoint.
     * @param id a readable name of the listener
     * @param keys key glob patterns, not empty
     * @param invoker delivers changes to the listener
     */
    public SharedMemoryKeyListenerEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(invoker, "invoker");
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("Listener " + id + " names no key pattern");
        }
    }
}
