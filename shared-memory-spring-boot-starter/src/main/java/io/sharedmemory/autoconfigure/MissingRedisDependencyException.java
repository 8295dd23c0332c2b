package io.sharedmemory.autoconfigure;

/**
 * {@code shared-memory.role=redis} was set, but the application lacks what that role runs on:
 * Spring Boot's Redis starter, or the connection factory it configures.
 */
public class MissingRedisDependencyException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The dependency the redis role needs. */
    public static final String DEPENDENCY = "org.springframework.boot:spring-boot-starter-data-redis";

    /**
     * Creates an exception.
     * @param reason what is missing
     */
    public MissingRedisDependencyException(String reason) {
        super("shared-memory.role=redis needs " + DEPENDENCY + ": " + reason);
    }
}
