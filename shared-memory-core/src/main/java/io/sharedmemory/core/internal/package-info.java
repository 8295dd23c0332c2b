/**
 * Internal: how the store works, not what it promises. Nothing under this package is API:
 * applications use {@link io.sharedmemory.core} only, and these packages change without
 * notice. The Spring Boot starter and the tests reach in here; nothing else should.
 */
package io.sharedmemory.core.internal;
