package io.sharedmemory.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * This process's {@code spring.data.redis.*} properties as the environment variables Spring
 * Boot binds them from ({@code spring.data.redis.client-name} as
 * {@code SPRING_DATA_REDIS_CLIENTNAME}, {@code ...cluster.nodes[0]} as
 * {@code ..._CLUSTER_NODES_0}), so that a launched child reaches the same Redis however the
 * parent was configured (files, arguments, environment).
 */
final class RedisChildEnvironment {

    private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("spring.data.redis");

    private RedisChildEnvironment() {
    }

    static Map<String, String> of(Environment environment) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.stream().filter(PREFIX::isAncestorOf).forEach((name) -> {
                    String value = environment.getProperty(name.toString());
                    if (value != null) {
                        variables.putIfAbsent(variable(name), value);
                    }
                });
            }
        }
        return variables;
    }

    static String variable(ConfigurationPropertyName name) {
        return IntStream.range(0, name.getNumberOfElements())
                .mapToObj((i) -> name.getElement(i, ConfigurationPropertyName.Form.UNIFORM).toUpperCase())
                .collect(Collectors.joining("_"));
    }
}
