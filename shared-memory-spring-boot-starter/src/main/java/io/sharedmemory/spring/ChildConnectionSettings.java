package io.sharedmemory.spring;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a launched child needs to join its parent's store, by role: the environment variables
 * every child gets (a foreign program learns its role from them), and the program arguments a
 * child that runs this application gets too (they take precedence over its own configuration).
 *
 * @param environment variables set in every child's environment
 * @param arguments program arguments given to a child that runs this application
 */
public record ChildConnectionSettings(Map<String, String> environment, List<String> arguments) {

    /**
     * Copies the settings.
     */
    public ChildConnectionSettings {
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        arguments = List.copyOf(Objects.requireNonNull(arguments, "arguments"));
    }

    /**
     * The settings of a main's children: role {@code child} and main's socket.
     * @param socketPath the socket children connect to
     * @return the settings
     */
    public static ChildConnectionSettings socket(Path socketPath) {
        return new ChildConnectionSettings(
                Map.of(ChildProcessLauncher.ROLE_VARIABLE, "child", ChildProcessLauncher.SOCKET_PATH_VARIABLE,
                        socketPath.toString()),
                List.of("--shared-memory.role=child", "--shared-memory.socket-path=" + socketPath));
    }

    /**
     * The settings of a Redis client's children: role {@code redis}, the same key prefix, and
     * the parent's Redis connection properties. Those travel in the environment only (as
     * {@code SPRING_DATA_REDIS_HOST} and the like), so a password never shows in a process list.
     * @param keyPrefix the key prefix
     * @param redisEnvironment the parent's {@code spring.data.redis.*} properties as environment variables
     * @return the settings
     */
    public static ChildConnectionSettings redis(String keyPrefix, Map<String, String> redisEnvironment) {
        Map<String, String> environment = new LinkedHashMap<>(redisEnvironment);
        environment.put(ChildProcessLauncher.ROLE_VARIABLE, "redis");
        environment.put(ChildProcessLauncher.KEY_PREFIX_VARIABLE, keyPrefix);
        return new ChildConnectionSettings(environment,
                List.of("--shared-memory.role=redis", "--shared-memory.redis.key-prefix=" + keyPrefix));
    }
}
