/**
 * Internal: main's data, the time-to-live rule and glob patterns. Not API.
 */
package io.sharedmemory.core.internal.store;
