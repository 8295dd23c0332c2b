package io.sharedmemory.actuate;

import java.util.Locale;

import io.sharedmemory.core.Role;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.internal.client.ChildKeyValueStore;
import io.sharedmemory.core.internal.server.MainKeyValueStore;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The health of the store, contributed as {@code sharedMemory}: in role main {@code UP} while it
 * listens (details: socket path, children, keys); in role child {@code UP} while connected to
 * main, {@code DOWN} with the reason while it reconnects; in role redis {@code UP} when Redis
 * answers a {@code PING} within the request timeout. Every role reports its {@code role}.
 */
public class SharedMemoryHealthIndicator extends AbstractHealthIndicator {

    private final SharedMemoryStore store;

    /**
     * Creates the indicator.
     * @param store the application's store
     */
    public SharedMemoryHealthIndicator(SharedMemoryStore store) {
        super("shared-memory health check failed");
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("role", this.store.role().name().toLowerCase(Locale.ROOT));
        if (this.store instanceof MainKeyValueStore main) {
            builder.withDetail("socketPath", main.socketPath().toString());
            if (main.isAvailable()) {
                builder.up().withDetail("children", main.connectedChildren()).withDetail("keys", main.size());
            }
            else {
                builder.down().withDetail("reason", "not listening");
            }
        }
        else if (this.store instanceof ChildKeyValueStore child) {
            builder.withDetail("socketPath", child.socketPath().toString());
            String reason = child.unavailableReason();
            if (reason == null) {
                builder.up();
            }
            else {
                builder.down().withDetail("reason", reason);
            }
        }
        else if (this.store.role() == Role.REDIS) {
            // Only this role has Spring Data Redis on the class path: its class is loaded here only.
            RedisHealth.check(this.store, builder);
        }
        else {
            builder.withDetail("endpoint", this.store.endpoint()).status(this.store.isAvailable() ? "UP" : "DOWN");
        }
    }
}
