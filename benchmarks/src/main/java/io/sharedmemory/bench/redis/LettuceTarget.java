package io.sharedmemory.bench.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.lettuce.core.RedisClient;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.sharedmemory.bench.load.KvConnection;
import io.sharedmemory.bench.load.KvTarget;

/**
 * Redis through Lettuce's synchronous API, either with one connection shared by every thread
 * (Lettuce multiplexes it; this is how Spring Data Redis uses it) or with one connection per
 * thread (the fair match for "N clients" of redis-benchmark).
 */
public final class LettuceTarget implements KvTarget {

    private final RedisClient client;
    private final boolean connectionPerThread;
    private final StatefulRedisConnection<String, String> shared;

    /**
     * @param socket redis-server's Unix socket
     * @param connectionPerThread {@code true} for one connection per thread
     */
    public LettuceTarget(Path socket, boolean connectionPerThread) {
        this.client = LettuceClients.create(socket);
        this.connectionPerThread = connectionPerThread;
        this.shared = connectionPerThread ? null : this.client.connect();
    }

    @Override
    public KvConnection connect() {
        StatefulRedisConnection<String, String> connection =
                this.connectionPerThread ? this.client.connect() : this.shared;
        RedisCommands<String, String> commands = connection.sync();
        RedisAsyncCommands<String, String> async = connection.async();
        return new KvConnection() {
            @Override
            public Object get(String key) {
                return commands.get(key);
            }

            @Override
            public void set(String key, String value) {
                commands.set(key, value);
            }

            @Override
            public void pipelined(boolean get, String[] keys, String value) {
                RedisFuture<?>[] inFlight = new RedisFuture<?>[keys.length];
                for (int i = 0; i < keys.length; i++) {
                    inFlight[i] = get ? async.get(keys[i]) : async.set(keys[i], value);
                }
                if (!LettuceFutures.awaitAll(Duration.ofSeconds(10), inFlight)) {
                    throw new IllegalStateException("a pipelined call timed out");
                }
            }

            @Override
            public void batch(boolean get, String[] keys, String value) {
                if (get) {
                    commands.mget(keys);
                }
                else {
                    Map<String, String> entries = new HashMap<>();
                    for (String key : keys) {
                        entries.put(key, value);
                    }
                    commands.mset(entries);
                }
            }

            @Override
            public void close() {
                if (LettuceTarget.this.connectionPerThread) {
                    connection.close();
                }
            }
        };
    }

    @Override
    public void close() {
        if (this.shared != null) {
            this.shared.close();
        }
        LettuceClients.shutdown(this.client);
    }
}
