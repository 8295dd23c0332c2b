package io.sharedmemory.core.internal.protocol;

/**
 * A frame of a reply too large for one frame: not the last one. Main sends a listing (of
 * {@code GET_ALL}, {@code GET_MANY}, {@code KEYS}) as zero or more parts followed by the reply
 * of the usual opcode, all with the request's id, each within the frame limit, to a client that
 * said in its {@code HELLO} that it assembles them; the client completes the call on the last.
 */
public sealed interface ReplyPart extends Reply permits EntriesPart, KeysPart {
}
