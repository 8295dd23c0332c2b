package io.sharedmemory.core.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sharedmemory.core.protocol.EntriesPart;
import io.sharedmemory.core.protocol.EntriesReply;
import io.sharedmemory.core.protocol.ErrorReply;
import io.sharedmemory.core.protocol.KeyListReply;
import io.sharedmemory.core.protocol.KeysPart;
import io.sharedmemory.core.protocol.Reply;
import io.sharedmemory.core.protocol.ReplyPart;
import io.sharedmemory.core.wire.ErrorCodes;
import io.sharedmemory.core.wire.ProtocolException;

/**
 * The parts of one reply read so far, and the reply they make with its last frame
 * (docs/PROTOCOL.md, "Replies in parts"). Used by whichever thread holds the read role, one at
 * a time. A part of the other kind, or a last frame that does not match the parts, is a
 * protocol error (the connection is closed, which fails the call).
 */
final class ReplyAssembly {

    private Map<String, byte[]> entries;

    private List<String> keys;

    void add(ReplyPart part) {
        if (part instanceof EntriesPart entriesPart && this.keys == null) {
            if (this.entries == null) {
                this.entries = new HashMap<>();
            }
            this.entries.putAll(entriesPart.entries());
        }
        else if (part instanceof KeysPart keysPart && this.entries == null) {
            if (this.keys == null) {
                this.keys = new ArrayList<>();
            }
            this.keys.addAll(keysPart.keys());
        }
        else {
            throw mismatch(part);
        }
    }

    /**
     * The whole reply, given its last frame; an {@code ERROR} voids the parts.
     * @throws ProtocolException if the last frame is not of the parts' kind
     */
    Reply finish(Reply last) {
        if (last instanceof ErrorReply) {
            return last;
        }
        if (this.entries != null && last instanceof EntriesReply reply) {
            this.entries.putAll(reply.entries());
            return new EntriesReply(this.entries);
        }
        if (this.keys != null && last instanceof KeyListReply reply) {
            this.keys.addAll(reply.keys());
            return new KeyListReply(this.keys);
        }
        throw mismatch(last);
    }

    private ProtocolException mismatch(Reply frame) {
        return new ProtocolException(ErrorCodes.PROTOCOL_ERROR, "Main sent " + frame + " within a reply of "
                + ((this.entries != null) ? "entries" : "keys") + " in parts");
    }
}
