package io.sharedmemory.core.internal.protocol;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;

/**
 * The layout of entries on the wire, written once for the requests and replies that carry
 * them: {@code u32} count, then count × ({@code str} key, {@code blob} value).
 */
final class Entries {

    /** Each entry takes at least this many bytes of a frame: two empty length prefixes. */
    private static final int MIN_ENTRY_BYTES = 8;

    private Entries() {
    }

    /** What one entry adds to a frame. */
    static int size(String key, byte[] value) {
        return FrameEncoder.stringSize(key) + 4 + value.length;
    }

    /** Writes entries, stopping once the frame passes {@code limit} (the caller then refuses it). */
    static void write(FrameEncoder out, Map<String, byte[]> entries, int limit) {
        out.putInt(entries.size());
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            out.putString(entry.getKey()).putBytes(entry.getValue());
            if (out.currentFrameSize() > limit) {
                return;
            }
        }
    }

    static Map<String, byte[]> read(FrameBody body) {
        int count = body.int32();
        // Never trust a count for sizing: it is bounded by what the frame can hold.
        Map<String, byte[]> entries = new LinkedHashMap<>(
                Math.min(Math.max(count, 0), body.remaining() / MIN_ENTRY_BYTES + 1) * 2);
        for (int i = 0; i < count; i++) {
            entries.put(body.string(), body.blob());
        }
        return entries;
    }

    static boolean equal(Map<String, byte[]> a, Map<String, byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<String, byte[]> entry : a.entrySet()) {
            if (!Arrays.equals(entry.getValue(), b.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    static int hash(Map<String, byte[]> entries) {
        int hash = 0;
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            hash += entry.getKey().hashCode() ^ Arrays.hashCode(entry.getValue());
        }
        return hash;
    }
}
