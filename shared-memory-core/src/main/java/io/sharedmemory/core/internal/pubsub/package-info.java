/**
 * Internal: what every role uses to run listeners (a dispatcher with one serial queue per
 * subscription), to track them, and to reconnect. Not API.
 */
package io.sharedmemory.core.internal.pubsub;
