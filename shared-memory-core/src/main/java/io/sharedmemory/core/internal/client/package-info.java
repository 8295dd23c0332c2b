/**
 * Internal: role child, the store that reaches main over one shared connection, and its I/O
 * path (its states and invariants are on {@code SharedReader}). Applications get it as an
 * {@link io.sharedmemory.core.SharedMemoryStore}. Not API.
 */
package io.sharedmemory.core.internal.client;
