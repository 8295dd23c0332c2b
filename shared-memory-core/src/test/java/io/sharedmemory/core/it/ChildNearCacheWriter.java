package io.sharedmemory.core.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryException;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.testing.SeededRandom;

/**
 * A writer JVM of the child role's near cache test: a child that raises random keys
 * {@code k0..kN-1} (values only grow) by increments and compare-and-set, about a thousand times a
 * second, until its standard input closes. Prints {@code READY} once connected.
 * Arguments: socket path, number of keys, seed.
 */
public final class ChildNearCacheWriter {

    private ChildNearCacheWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[0]);
        int keys = Integer.parseInt(args[1]);
        SeededRandom random = new SeededRandom(Long.parseLong(args[2]));
        AtomicBoolean running = new AtomicBoolean(true);
        Thread stdin = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // Only the end of input matters.
                }
            }
            catch (IOException ex) {
                // Same as the end.
            }
            running.set(false);
        }, "writer-stdin");
        stdin.setDaemon(true);
        stdin.start();
        try (SharedMemoryStore store = SharedMemory.builder().socketPath(socket).requestTimeout(Duration.ofSeconds(2))
                .connectChild()) {
            while (!store.isAvailable()) {
                LockSupport.parkNanos(1_000_000);
            }
            System.out.println("READY");
            System.out.flush();
            while (running.get()) {
                LockSupport.parkNanos(1_000_000);
                String key = "k" + random.nextInt(keys);
                try {
                    if (random.nextInt(4) == 0) {
                        Object current = store.get(key);
                        if (current instanceof Long value) {
                            store.compareAndSet(key, value, value + 5);
                        }
                    }
                    else {
                        store.increment(key, 1 + random.nextInt(3));
                    }
                }
                catch (SharedMemoryException ex) {
                    // Main is away for a moment: the next call tries again.
                }
            }
        }
    }
}
