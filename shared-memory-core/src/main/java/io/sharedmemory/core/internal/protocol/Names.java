package io.sharedmemory.core.internal.protocol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;

/**
 * The layout of a list of keys on the wire, written once for the requests and replies that
 * carry one: {@code u32} count, then count × {@code str}.
 */
final class Names {

    /** Each name takes at least its length prefix. */
    private static final int MIN_NAME_BYTES = 4;

    private Names() {
    }

    /** What one name adds to a frame. */
    static int size(String name) {
        return FrameEncoder.stringSize(name);
    }

    /** Writes names, stopping once the frame passes {@code limit} (the caller then refuses it). */
    static void write(FrameEncoder out, Collection<String> names, int limit) {
        out.putInt(names.size());
        for (String name : names) {
            out.putString(name);
            if (out.currentFrameSize() > limit) {
                return;
            }
        }
    }

    static List<String> read(FrameBody body) {
        int count = body.int32();
        List<String> names = new ArrayList<>(Math.min(Math.max(count, 0), body.remaining() / MIN_NAME_BYTES + 1));
        for (int i = 0; i < count; i++) {
            names.add(body.string());
        }
        return names;
    }
}
