package io.sharedmemory.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a redis role that cannot start for want of Spring Boot's Redis starter. */
public class MissingRedisDependencyFailureAnalyzer extends AbstractFailureAnalyzer<MissingRedisDependencyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingRedisDependencyException cause) {
        return new FailureAnalysis(cause.getMessage() + ".",
                "Add the dependency " + MissingRedisDependencyException.DEPENDENCY + " and point spring.data.redis.* "
                        + "(host, port, or url) at your Redis server, or set 'shared-memory.role' to main or child.",
                cause);
    }
}
