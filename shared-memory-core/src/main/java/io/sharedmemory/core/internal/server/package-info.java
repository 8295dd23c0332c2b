/**
 * Internal: role main, the store that owns the data, its socket server and one connection per
 * child. Applications get it as an {@link io.sharedmemory.core.SharedMemoryStore}. Not API.
 */
package io.sharedmemory.core.internal.server;
