/**
 * Internal: the typed messages of the wire protocol, one record per opcode, each of which
 * writes and reads its own fields. Client, server and tests all go through these types, so each
 * layout of docs/PROTOCOL.md is written once. Not API: it may change with the protocol.
 */
package io.sharedmemory.core.internal.protocol;
