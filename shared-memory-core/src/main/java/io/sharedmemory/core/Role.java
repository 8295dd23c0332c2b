package io.sharedmemory.core;

/** The part a process plays in sharing a store. */
public enum Role {
    /** Owns the data in memory and binds the socket. */
    MAIN,
    /** Reaches the main process's data over the socket. */
    CHILD
}
