package io.sharedmemory.core.internal.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.sharedmemory.core.KeyEvent;
import io.sharedmemory.core.internal.protocol.KeyEventPush;
import io.sharedmemory.core.internal.wire.FrameEncoder;

/**
 * One child connection's watches in main, and the numbering of the {@code KEY_EVENT} pushes sent
 * for them. Invariant, under this object's lock: the pushes queued carry sequence numbers 1, 2, 3
 * … with no gap, in the order they were queued; once the connection's queue refuses a push (the
 * child is being cut off), nothing more is queued, so the child sees the connection end, never a gap.
 */
final class ChildWatches implements Watcher {

    private final WatchRouter router;

    /** Queues a frame for the pusher thread; {@code false} if the connection takes no more. */
    private final Predicate<byte[]> queue;

    private final Map<String, Boolean> globs = new ConcurrentHashMap<>();

    /** The sequence number of the last push queued. */
    private long sequence;

    private boolean stopped;

    ChildWatches(WatchRouter router, Predicate<byte[]> queue) {
        this.router = router;
        this.queue = queue;
    }

    void watch(String glob, boolean withValues) {
        this.router.watch(glob, this, withValues);
        this.globs.put(glob, withValues);
    }

    void unwatch(String glob) {
        if (this.globs.remove(glob) != null) {
            this.router.unwatch(glob, this);
        }
    }

    /** The globs watched now, with whether each asked for values. */
    Map<String, Boolean> globs() {
        return Map.copyOf(this.globs);
    }

    /** Forgets every watch; nothing more is queued. */
    void close() {
        synchronized (this) {
            this.stopped = true;
        }
        this.router.unwatchAll(this);
        this.globs.clear();
    }

    @Override
    public synchronized void keyChanged(KeyEvent.Type type, String key, byte[] oldBytes, byte[] newBytes,
            boolean withValues) {
        if (this.stopped) {
            return;
        }
        KeyEventPush push = withValues ? new KeyEventPush(this.sequence + 1, type, key, false, oldBytes, newBytes)
                : new KeyEventPush(this.sequence + 1, type, key, true, null, null);
        int size = key.length() * 3 + 32 + (withValues ? length(oldBytes) + length(newBytes) : 0);
        FrameEncoder out = new FrameEncoder(size);
        push.write(out);
        if (this.queue.test(out.toByteArray())) {
            this.sequence++;
        }
        else {
            this.stopped = true;
        }
    }

    private static int length(byte[] bytes) {
        return (bytes != null) ? bytes.length + 4 : 0;
    }
}
