package io.sharedmemory.autoconfigure;

import java.util.Arrays;
import java.util.List;

import io.sharedmemory.core.Role;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Explains a startup failure caused by an unknown {@code shared-memory.role}.
 * <p>
 * It runs before Spring Boot's generic bind failure analysis (see {@link #getOrder()}) so that
 * the action explains what each role means rather than only listing the enum constants.
 */
public class SharedMemoryRoleFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

    /** The property this analyzer explains. */
    static final String PROPERTY = "shared-memory.role";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        ConfigurationProperty property = cause.getProperty();
        if (property == null || !PROPERTY.equals(property.getName().toString())) {
            return null;
        }
        StringBuilder description = new StringBuilder();
        description.append("The value '").append(property.getValue()).append("' of '").append(PROPERTY)
                .append("' is not a shared-memory role.");
        if (property.getOrigin() != null) {
            description.append(System.lineSeparator()).append(System.lineSeparator())
                    .append("    Origin: ").append(property.getOrigin());
        }
        List<String> names = Arrays.stream(Role.values()).map((role) -> role.name().toLowerCase()).toList();
        String roles = String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        String action = "Set '" + PROPERTY + "' to " + roles + ": 'main' owns the data and binds the socket "
                + "(one per socket), 'child' connects to the main process over the socket, 'redis' makes every process "
                + "a client of the Redis server that spring.data.redis.* configures.";
        return new FailureAnalysis(description.toString(), action, cause);
    }

    /**
     * Orders this analyzer first, ahead of Spring Boot's {@code BindFailureAnalyzer}.
     * @return {@link Ordered#HIGHEST_PRECEDENCE}
     */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
