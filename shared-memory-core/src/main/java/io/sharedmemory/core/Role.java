package io.sharedmemory.core;

/** The part a process plays in sharing a store. */
public enum Role {
    /** Owns the data in memory and binds the socket. */
    MAIN,
    /** Reaches the main process's data over the socket. */
    CHILD,
    /**
     * An equal client of one Redis (or Valkey) server, which owns the data; there is no main
     * process and no socket. Built by the Spring Boot starter on Spring Data Redis.
     */
    REDIS
}
