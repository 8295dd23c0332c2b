package io.sharedmemory.bench.sm;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sharedmemory.actuate.SharedMemoryMetrics;
import io.sharedmemory.bench.load.KvConnection;
import io.sharedmemory.bench.load.KvTarget;
import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.SharedMemory;

/**
 * shared-memory as a child process uses it: one store per JVM, shared by every thread, through
 * the public API only.
 */
public final class SharedMemoryTarget implements KvTarget {

    private final KeyValueStore store;

    /**
     * Connects a child store.
     * @param socket main's socket
     */
    public SharedMemoryTarget(Path socket) {
        this.store = SharedMemory.builder().socketPath(socket).connectChild();
    }

    /**
     * Connects a child store whose every call is timed by the starter's Micrometer observer, on
     * a {@link SimpleMeterRegistry} (what a Spring Boot application gets by default).
     * @param socket main's socket
     * @return the target
     */
    public static SharedMemoryTarget metered(Path socket) {
        SharedMemoryMetrics metrics = new SharedMemoryMetrics();
        metrics.bindTo(new SimpleMeterRegistry());
        return new SharedMemoryTarget(SharedMemory.builder().socketPath(socket).observer(metrics).connectChild());
    }

    /**
     * Wraps a store of either role, e.g. main's own for the in-process rows.
     * @param store the store
     */
    public SharedMemoryTarget(KeyValueStore store) {
        this.store = store;
    }

    @Override
    public KvConnection connect() {
        return new KvConnection() {
            @Override
            public Object get(String key) {
                return SharedMemoryTarget.this.store.get(key);
            }

            @Override
            public void set(String key, String value) {
                SharedMemoryTarget.this.store.set(key, value);
            }

            @Override
            public void pipelined(boolean get, String[] keys, String value) {
                CompletableFuture<?>[] inFlight = new CompletableFuture<?>[keys.length];
                for (int i = 0; i < keys.length; i++) {
                    inFlight[i] = get ? SharedMemoryTarget.this.store.async().get(keys[i])
                            : SharedMemoryTarget.this.store.async().set(keys[i], value);
                }
                CompletableFuture.allOf(inFlight).join();
            }

            @Override
            public void batch(boolean get, String[] keys, String value) {
                if (get) {
                    if (SharedMemoryTarget.this.store.getAll(Arrays.asList(keys)).size() != keys.length) {
                        throw new IllegalStateException("a key of the batch is missing");
                    }
                }
                else {
                    Map<String, Object> entries = new HashMap<>();
                    for (String key : keys) {
                        entries.put(key, value);
                    }
                    SharedMemoryTarget.this.store.setAll(entries);
                }
            }

            @Override
            public void close() {
                // The store is shared by all threads; the target closes it.
            }
        };
    }

    @Override
    public void close() {
        this.store.close();
    }
}
