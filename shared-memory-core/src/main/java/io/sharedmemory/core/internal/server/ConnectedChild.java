package io.sharedmemory.core.internal.server;

import java.util.Set;

/**
 * What main knows of one connected child, for operations views (an actuator endpoint, say).
 *
 * @param id main's number for the connection
 * @param pid the child's process id, as it said in its handshake ({@code -1} before it)
 * @param name the name it gave, or empty
 * @param user the user its process runs as (from the socket's peer credentials)
 * @param channels the channels it is subscribed to
 * @param patterns the patterns it is subscribed to
 * @param pendingMessages published messages main holds for it, not yet written to its socket
 */
public record ConnectedChild(int id, long pid, String name, String user, Set<String> channels, Set<String> patterns,
        int pendingMessages) {

    /** Copies the sets. */
    public ConnectedChild {
        channels = Set.copyOf(channels);
        patterns = Set.copyOf(patterns);
    }
}
