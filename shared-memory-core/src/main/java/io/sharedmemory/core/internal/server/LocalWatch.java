package io.sharedmemory.core.internal.server;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.sharedmemory.core.KeyEvent;
import io.sharedmemory.core.Subscription;
import io.sharedmemory.core.internal.codec.ValueCodec;
import io.sharedmemory.core.internal.pubsub.SerialQueue;

/**
 * A watch in the main process itself. The change is queued from inside the store step that
 * applies it (so per key in applied order) and decoded on the watch's own listener queue, never
 * on the writer's thread. Like main's subscriptions, a watch whose listeners fall
 * {@code max-pending-messages} behind loses events, counted and logged by {@link DroppedMessages}:
 * the writer is never made to wait.
 */
final class LocalWatch implements Watcher, Subscription {

    private final String glob;

    private final Consumer<KeyEvent> listener;

    private final SerialQueue queue;

    private final ValueCodec codec;

    private final WatchRouter router;

    private final DroppedMessages dropped;

    private final AtomicBoolean closed = new AtomicBoolean();

    LocalWatch(String glob, Consumer<KeyEvent> listener, SerialQueue queue, ValueCodec codec, WatchRouter router,
            DroppedMessages dropped) {
        this.glob = glob;
        this.listener = listener;
        this.queue = queue;
        this.codec = codec;
        this.router = router;
        this.dropped = dropped;
    }

    void open() {
        this.router.watch(this.glob, this, true);
    }

    @Override
    public void keyChanged(KeyEvent.Type type, String key, byte[] oldBytes, byte[] newBytes, boolean withValues) {
        boolean queued = this.queue.offer(() -> {
            if (!this.closed.get()) {
                this.listener.accept(new KeyEvent(type, key, decode(oldBytes), decode(newBytes)));
            }
        });
        if (!queued) {
            this.dropped.dropped(toString());
        }
    }

    private Object decode(byte[] bytes) {
        return (bytes != null) ? this.codec.decode(bytes) : null;
    }

    @Override
    public void close() {
        if (this.closed.compareAndSet(false, true)) {
            this.router.unwatch(this.glob, this);
            this.dropped.flush();
        }
    }

    @Override
    public String toString() {
        return "watch " + this.glob;
    }
}
