package io.sharedmemory.bench.pubsub;

import java.nio.file.Path;
import java.util.function.Consumer;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.SharedMemory;

/** shared-memory publish/subscribe from a child process, through the public API. */
public final class SharedMemoryPubSub implements PubSubClient {

    private final KeyValueStore store;

    /**
     * Connects a child store.
     * @param socket main's socket
     */
    public SharedMemoryPubSub(Path socket) {
        this.store = SharedMemory.builder().socketPath(socket).connectChild();
    }

    @Override
    public void publish(String message) {
        this.store.publish(CHANNEL, message);
    }

    @Override
    public void subscribe(Consumer<String> listener) {
        this.store.subscribe(CHANNEL, message -> listener.accept((String) message));
    }

    @Override
    public void close() {
        this.store.close();
    }
}
