/**
 * Internal: framing only, length-prefixed frames read without I/O (FrameDecoder) and written
 * (FrameEncoder), opcodes and error codes. Not API.
 */
package io.sharedmemory.core.internal.wire;
