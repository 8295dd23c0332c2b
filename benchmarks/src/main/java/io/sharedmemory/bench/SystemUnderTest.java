package io.sharedmemory.bench;

/** Every system or baseline that produces a row. */
public enum SystemUnderTest {

    /** The project. */
    SHARED_MEMORY("**shared-memory**", false),
    /** The project's redis role: its store on Spring Data Redis and Lettuce, one shared connection. */
    SHARED_MEMORY_REDIS("shared-memory · redis role, shared connection", false),
    /** The project with the starter's Micrometer observer on every call, to price the metrics. */
    SHARED_MEMORY_METERED("shared-memory · with Micrometer meters", false),
    /** Main's in-process set while one watch exists, on a pattern the written keys do not match. */
    SHARED_MEMORY_WATCHED_ELSEWHERE("shared-memory · a watch on other keys", false),
    /** Main's in-process set while a watch of this process matches every written key. */
    SHARED_MEMORY_WATCHED("shared-memory · the key watched", false),
    /** Raw Java Unix-domain socket ping-pong between two JVMs, the client blocking in read. */
    FLOOR("floor: raw UDS ping-pong, blocking read", false),
    /** The same, the client busy-polling a non-blocking socket. */
    FLOOR_BUSY_POLL("floor: raw UDS ping-pong, busy poll", false),
    /** Redis driven by redis-benchmark (C). */
    REDIS_BENCHMARK("Redis · redis-benchmark", true),
    /** Redis driven by Lettuce, one connection shared by the JVM's threads. */
    LETTUCE_SHARED("Redis · Lettuce, shared connection", true),
    /** Redis driven by Lettuce, one connection per thread. */
    LETTUCE_PER_THREAD("Redis · Lettuce, connection per thread", true),
    /** redis-server itself, for what it holds (its memory). */
    REDIS_SERVER("Redis · redis-server", true),
    /** Redis PUBLISH/SUBSCRIBE through Lettuce. */
    REDIS_PUB_SUB("Redis · Lettuce PUBLISH/SUBSCRIBE", true),
    /** The project's main with {@code persistence.mode=log}, {@code fsync=always}. */
    SHARED_MEMORY_LOG_ALWAYS("shared-memory · log, fsync always", false),
    /** The same with {@code fsync=everysec}. */
    SHARED_MEMORY_LOG_EVERYSEC("shared-memory · log, fsync everysec", false),
    /** The same with {@code fsync=no}. */
    SHARED_MEMORY_LOG_NO("shared-memory · log, fsync no", false),
    /** Redis with {@code appendonly yes}, {@code appendfsync always}, driven by Lettuce (shared connection). */
    REDIS_AOF_ALWAYS("Redis · Lettuce, appendonly, appendfsync always", true),
    /** The same with {@code appendfsync everysec}. */
    REDIS_AOF_EVERYSEC("Redis · Lettuce, appendonly, appendfsync everysec", true),
    /** The same with {@code appendfsync no}. */
    REDIS_AOF_NO("Redis · Lettuce, appendonly, appendfsync no", true),
    /** A plain ConcurrentHashMap. */
    CONCURRENT_HASH_MAP("ConcurrentHashMap", false),
    /** The Python original's multiprocessing.Manager().dict(). */
    PYTHON_MANAGER("Python Manager().dict()", false);

    private final String label;
    private final boolean redis;

    SystemUnderTest(String label, boolean redis) {
        this.label = label;
        this.redis = redis;
    }

    /**
     * A label for tables.
     * @return the label
     */
    public String label() {
        return this.label;
    }

    /**
     * Whether this is one of the floor's variants, among which the fastest one is the floor.
     * @return {@code true} for floor rows
     */
    public boolean isFloor() {
        return this == FLOOR || this == FLOOR_BUSY_POLL;
    }

    /**
     * Whether this is one of the Redis clients, among which the best one is the baseline.
     * @return {@code true} for Redis rows
     */
    public boolean isRedis() {
        return this.redis;
    }
}
