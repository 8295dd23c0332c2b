package io.sharedmemory.core.internal.server;

import java.util.AbstractMap;
import java.util.AbstractSet;
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
import io.sharedmemory.core.internal.store.Snapshot;
import io.sharedmemory.core.internal.wire.ErrorCodes;
import io.sharedmemory.core.internal.wire.FrameEncoder;

/**
 * A listing reply (entries or keys) written as frames that each fit the connection's frame
 * limit: zero or more parts, then the usual last frame (docs/PROTOCOL.md, "Replies in parts").
 * It holds the listing copied when the request was served, one snapshot, and encodes one frame
 * per {@link #writeNext} call, so main never holds more than one part encoded. An item too large
 * for any frame ends the reply with {@code ERROR TOO_LARGE} instead of its last frame; so does a
 * reply that needs parts for a client that does not assemble them.
 */
final class ReplyParts {

    /** What a part aims at: per-frame costs are negligible there, and neither side buffers much. */
    static final int PART_BYTES = 256 * 1024;

    private final int id;

    private final Listing listing;

    /** The largest frame body this connection may be sent. */
    private final int limit;

    private final int target;

    private final boolean partsAccepted;

    private int next;

    /**
     * @param limit the largest frame body the connection may be sent
     * @param partsAccepted whether the client assembles parts; if not, the reply is one frame or an error
     */
    ReplyParts(int id, Listing listing, int limit, boolean partsAccepted) {
        this.id = id;
        this.listing = listing;
        this.limit = limit;
        this.partsAccepted = partsAccepted;
        this.target = partsAccepted ? Math.min(PART_BYTES, limit) : limit;
    }

    /**
     * Writes the next frame of the reply (a whole frame, ended).
     * @param out the encoder
     * @return {@code true} if more frames follow: send this one, then call again
     */
    boolean writeNext(FrameEncoder out) {
        int from = this.next;
        int end = from;
        long body = EntriesPart.FIXED_BYTES;
        while (end < this.listing.size()) {
            int bytes = this.listing.bytes(end);
            if (EntriesPart.FIXED_BYTES + (long) bytes > this.limit) {
                if (end > from) {
                    // What precedes it goes first; the next call refuses it.
                    break;
                }
                return refuse(out, "Key '" + this.listing.key(end) + "' takes " + bytes + " bytes of a reply frame;"
                        + " no frame to this client may be over " + this.limit + " bytes (max-frame-size)");
            }
            // An item larger than a part's aim still goes, alone, in a frame within the limit.
            if (body + bytes > this.target && end > from) {
                break;
            }
            body += bytes;
            end++;
        }
        boolean last = end == this.listing.size();
        if (!last && !this.partsAccepted) {
            return refuse(out, "The reply (" + this.listing.size() + " entries) exceeds max-frame-size " + this.limit
                    + "; a client that assembles replies in parts (HELLO with its frame limit) would get it");
        }
        this.listing.frame(from, end, last).begin(out, this.id);
        out.end();
        this.next = end;
        return !last;
    }

    private boolean refuse(FrameEncoder out, String message) {
        new ErrorReply(ErrorCodes.TOO_LARGE, message).begin(out, this.id);
        out.end();
        this.next = this.listing.size();
        return false;
    }

    /** The items of a listing reply: how large each is in a frame, and the frames that carry them. */
    interface Listing {

        int size();

        /** What item {@code index} adds to a frame body. */
        int bytes(int index);

        /** The key of item {@code index}, for messages. */
        String key(int index);

        /** The frame of items {@code from} (inclusive) to {@code to} (exclusive). */
        Reply frame(int from, int to, boolean last);
    }

    /** Entries of a snapshot: {@code ENTRIES_PART} frames, then {@code ENTRIES}. */
    static Listing entries(Snapshot snapshot) {
        return new Listing() {
            @Override
            public int size() {
                return snapshot.size();
            }

            @Override
            public int bytes(int index) {
                return EntriesPart.entryBytes(snapshot.key(index), snapshot.bytes(index));
            }

            @Override
            public String key(int index) {
                return snapshot.key(index);
            }

            @Override
            public Reply frame(int from, int to, boolean last) {
                Map<String, byte[]> slice = new Slice(snapshot, from, to);
                return last ? new EntriesReply(slice) : new EntriesPart(slice);
            }
        };
    }

    /** Keys: {@code KEYS_PART} frames, then {@code KEYS}. */
    static Listing keys(List<String> keys) {
        return new Listing() {
            @Override
            public int size() {
                return keys.size();
            }

            @Override
            public int bytes(int index) {
                return KeysPart.keyBytes(keys.get(index));
            }

            @Override
            public String key(int index) {
                return keys.get(index);
            }

            @Override
            public Reply frame(int from, int to, boolean last) {
                List<String> slice = keys.subList(from, to);
                return last ? new KeyListReply(slice) : new KeysPart(slice);
            }
        };
    }

    /** A view of entries {@code from} to {@code to} of a snapshot, for writing without copying them. */
    private static final class Slice extends AbstractMap<String, byte[]> {

        private final Snapshot snapshot;

        private final int from;

        private final int to;

        Slice(Snapshot snapshot, int from, int to) {
            this.snapshot = snapshot;
            this.from = from;
            this.to = to;
        }

        @Override
        public Set<Entry<String, byte[]>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return Slice.this.to - Slice.this.from;
                }

                @Override
                public Iterator<Entry<String, byte[]>> iterator() {
                    return new Iterator<>() {
                        private int index = Slice.this.from;

                        @Override
                        public boolean hasNext() {
                            return this.index < Slice.this.to;
                        }

                        @Override
                        public Entry<String, byte[]> next() {
                            if (!hasNext()) {
                                throw new NoSuchElementException();
                            }
                            int at = this.index++;
                            return new SimpleImmutableEntry<>(Slice.this.snapshot.key(at), Slice.this.snapshot.bytes(at));
                        }
                    };
                }
            };
        }
    }
}
