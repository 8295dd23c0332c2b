package io.sharedmemory.bench.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.sharedmemory.bench.large.LargeData;
import io.sharedmemory.bench.large.LargeTarget;
import io.sharedmemory.bench.large.SharedMemoryLarge;
import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.internal.codec.ValueCodec;
import io.sharedmemory.redis.RedisKeyValueStore;

import org.springframework.data.redis.connection.RedisSocketConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The large store on Redis: through shared-memory's redis role (no key prefix, so it holds
 * exactly the keys main holds), or read with raw Lettuce the way a careful client lists a Redis
 * keyspace: SCAN pages of 1,000 with each page's MGET sent as the page arrives, every value
 * decoded as the role would, so both do the same work as a child's getAll.
 */
public final class RedisLarge {

    private static final int PAGE = 1_000;

    private RedisLarge() {
    }

    /**
     * The redis role on a redis-server's socket.
     * @param socket the socket
     * @return a target that loads with setAll (MSET) and reads with getAll
     */
    public static LargeTarget role(Path socket) {
        ClientResources resources = DefaultClientResources.builder()
                .commandLatencyRecorder(CommandLatencyRecorder.disabled()).build();
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisSocketConfiguration(socket.toString()),
                LettuceClientConfiguration.builder().clientResources(resources).build());
        factory.start();
        RedisKeyValueStore store = new RedisKeyValueStore(SharedMemory.builder().requestTimeout(Duration.ofSeconds(5))
                .settings(), "", factory);
        store.start();
        return new SharedMemoryLarge(store, () -> {
            factory.destroy();
            resources.shutdown();
        });
    }

    /**
     * Raw Lettuce on a redis-server's socket.
     * @param socket the socket
     * @return a target that reads with SCAN + MGET
     */
    public static LargeTarget scan(Path socket) {
        return new Scan(LettuceClients.create(socket));
    }

    /** SCAN + MGET on one Lettuce connection. */
    private static final class Scan implements LargeTarget {

        private final RedisClient client;

        private final StatefulRedisConnection<byte[], byte[]> connection;

        private final ValueCodec codec = new ValueCodec(List.of(), null);

        Scan(RedisClient client) {
            this.client = client;
            this.connection = client.connect(ByteArrayCodec.INSTANCE);
        }

        @Override
        public void load(int keys) throws Exception {
            RedisAsyncCommands<byte[], byte[]> commands = this.connection.async();
            Map<byte[], byte[]> batch = new LinkedHashMap<>();
            for (int i = 0; i < keys; i++) {
                batch.put(LargeData.key(i).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        this.codec.encode(LargeData.value(i)));
                if (batch.size() == LargeData.BATCH || i == keys - 1) {
                    commands.mset(batch).get(30, TimeUnit.SECONDS);
                    batch = new LinkedHashMap<>();
                }
            }
        }

        @Override
        public int readAll() throws Exception {
            RedisAsyncCommands<byte[], byte[]> commands = this.connection.async();
            ScanArgs args = ScanArgs.Builder.matches("large:*").limit(PAGE);
            List<RedisFuture<List<KeyValue<byte[], byte[]>>>> batches = new ArrayList<>();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<byte[]> page = commands.scan(cursor, args).get(30, TimeUnit.SECONDS);
                if (!page.getKeys().isEmpty()) {
                    batches.add(commands.mget(page.getKeys().toArray(new byte[0][])));
                }
                cursor = page;
            }
            while (!cursor.isFinished());
            Map<String, Object> entries = new HashMap<>();
            for (RedisFuture<List<KeyValue<byte[], byte[]>>> batch : batches) {
                for (KeyValue<byte[], byte[]> entry : batch.get(30, TimeUnit.SECONDS)) {
                    if (entry.hasValue()) {
                        entries.put(new String(entry.getKey(), java.nio.charset.StandardCharsets.UTF_8),
                                this.codec.decode(entry.getValue()));
                    }
                }
            }
            return Map.copyOf(entries).size();
        }

        @Override
        public void close() {
            this.connection.close();
            LettuceClients.shutdown(this.client);
        }
    }
}
