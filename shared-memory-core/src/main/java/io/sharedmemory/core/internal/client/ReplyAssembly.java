package io.sharedmemory.core.internal.client;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import io.sharedmemory.core.internal.protocol.EntriesPart;
import io.sharedmemory.core.internal.protocol.EntriesReply;
import io.sharedmemory.core.internal.protocol.ErrorReply;
import io.sharedmemory.core.internal.protocol.KeyListReply;
import io.sharedmemory.core.internal.protocol.KeysPart;
import io.sharedmemory.core.internal.protocol.Reply;
import io.sharedmemory.core.internal.protocol.ReplyPart;
import io.sharedmemory.core.internal.wire.ErrorCodes;
import io.sharedmemory.core.internal.wire.ProtocolException;

/**
 * The parts of one reply read so far, and the reply they make with its last frame
 * (docs/PROTOCOL.md, "Replies in parts"). Used by whichever thread holds the read role, one at
 * a time. A part of the other kind, or a last frame that does not match the parts, is a
 * protocol error (the connection is closed, which fails the call). Entries are kept in two
 * lists, not hashed: the caller decodes them into a map of its own anyway, and a listing of a
 * million keys is built once instead of twice.
 */
final class ReplyAssembly {

    private List<String> entryKeys;

    private List<byte[]> entryValues;

    private List<String> keys;

    void add(ReplyPart part) {
        if (part instanceof EntriesPart entriesPart && this.keys == null) {
            if (this.entryKeys == null) {
                this.entryKeys = new ArrayList<>();
                this.entryValues = new ArrayList<>();
            }
            add(entriesPart.entries());
        }
        else if (part instanceof KeysPart keysPart && this.entryKeys == null) {
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
        if (this.entryKeys != null && last instanceof EntriesReply reply) {
            add(reply.entries());
            return new EntriesReply(new Listed(this.entryKeys, this.entryValues));
        }
        if (this.keys != null && last instanceof KeyListReply reply) {
            this.keys.addAll(reply.keys());
            return new KeyListReply(this.keys);
        }
        throw mismatch(last);
    }

    private void add(Map<String, byte[]> entries) {
        entries.forEach((key, value) -> {
            this.entryKeys.add(key);
            this.entryValues.add(value);
        });
    }

    private ProtocolException mismatch(Reply frame) {
        return new ProtocolException(ErrorCodes.PROTOCOL_ERROR, "Main sent " + frame + " within a reply of "
                + ((this.entryKeys != null) ? "entries" : "keys") + " in parts");
    }

    /**
     * The assembled entries as a map to iterate, in the order received; it is not hashed, so
     * looking a key up walks it (nothing does: the caller only iterates).
     */
    private static final class Listed extends AbstractMap<String, byte[]> {

        private final List<String> keys;

        private final List<byte[]> values;

        Listed(List<String> keys, List<byte[]> values) {
            this.keys = keys;
            this.values = values;
        }

        @Override
        public Set<Entry<String, byte[]>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return Listed.this.keys.size();
                }

                @Override
                public Iterator<Entry<String, byte[]>> iterator() {
                    return new Iterator<>() {
                        private int index;

                        @Override
                        public boolean hasNext() {
                            return this.index < Listed.this.keys.size();
                        }

                        @Override
                        public Entry<String, byte[]> next() {
                            if (!hasNext()) {
                                throw new NoSuchElementException();
                            }
                            int at = this.index++;
                            return new SimpleImmutableEntry<>(Listed.this.keys.get(at), Listed.this.values.get(at));
                        }
                    };
                }
            };
        }
    }
}
