/**
 * Internal: the near cache of the child and redis roles, and the invalidations it relies on.
 * Not API.
 */
package io.sharedmemory.core.internal.nearcache;
