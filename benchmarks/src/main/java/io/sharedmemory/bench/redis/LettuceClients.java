package io.sharedmemory.bench.redis;

import java.nio.file.Path;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;

/** Creates Lettuce clients for a Unix socket, set up the way a Spring application would have them. */
final class LettuceClients {

    private LettuceClients() {
    }

    /**
     * A client for a redis-server's Unix socket.
     * @param socket the socket path
     * @return the client; needs netty's native epoll transport
     */
    static RedisClient create(Path socket) {
        // Lettuce's own latency metrics would add work per command that no other system does.
        ClientResources resources = DefaultClientResources.builder()
                .commandLatencyRecorder(CommandLatencyRecorder.disabled())
                .build();
        return RedisClient.create(resources, RedisURI.Builder.socket(socket.toString()).build());
    }

    /**
     * Shuts a client and its resources down.
     * @param client the client
     */
    static void shutdown(RedisClient client) {
        ClientResources resources = client.getResources();
        client.shutdown();
        resources.shutdown();
    }
}
