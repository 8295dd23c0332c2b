package io.sharedmemory.actuate;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.sharedmemory.core.SharedMemoryException;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.internal.server.ConnectedChild;
import io.sharedmemory.core.internal.server.MainKeyValueStore;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code sharedmemory} actuator endpoint: the store's role, where it is, whether it serves
 * calls, how many keys it holds, and in role main the children connected to it.
 */
@Endpoint(id = "sharedmemory")
public class SharedMemoryEndpoint {

    private final SharedMemoryStore store;

    /**
     * Creates the endpoint.
     * @param store the application's store
     */
    public SharedMemoryEndpoint(SharedMemoryStore store) {
        this.store = store;
    }

    /**
     * Describes the store now.
     * @return the description
     */
    @ReadOperation
    public StoreDescriptor store() {
        String role = this.store.role().name().toLowerCase(Locale.ROOT);
        if (this.store instanceof MainKeyValueStore main) {
            List<ChildDescriptor> children = main.children().stream().map(ChildDescriptor::of).toList();
            return new StoreDescriptor(role, main.endpoint(), main.isAvailable(), main.size(), children);
        }
        return new StoreDescriptor(role, this.store.endpoint(), this.store.isAvailable(), keyCount(), null);
    }

    /** Counts the keys through the store; {@code null} while it cannot answer. */
    private Integer keyCount() {
        try {
            return this.store.keys("*").size();
        }
        catch (SharedMemoryException ex) {
            return null;
        }
    }

    /**
     * What the endpoint shows of the store.
     *
     * @param role {@code main}, {@code child} or {@code redis}
     * @param endpoint the socket path, or the Redis server
     * @param available whether calls are served now
     * @param keys the live keys, or {@code null} if the store cannot answer now
     * @param children in role main, the connected children; else {@code null}
     */
    public record StoreDescriptor(String role, String endpoint, boolean available, Integer keys,
            List<ChildDescriptor> children) {
    }

    /**
     * One child connected to main.
     *
     * @param pid its process id
     * @param name the name it gave, or empty
     * @param user the user its process runs as
     * @param channels its channel subscriptions
     * @param patterns its pattern subscriptions
     * @param pendingMessages messages main holds for it, not yet written to its socket
     */
    public record ChildDescriptor(long pid, String name, String user, Set<String> channels, Set<String> patterns,
            int pendingMessages) {

        static ChildDescriptor of(ConnectedChild child) {
            return new ChildDescriptor(child.pid(), child.name(), child.user(), child.channels(), child.patterns(),
                    child.pendingMessages());
        }
    }
}
