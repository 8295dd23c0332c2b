package io.sharedmemory.core.internal.server;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import io.sharedmemory.core.Subscription;
import io.sharedmemory.core.internal.pubsub.SerialQueue;
import io.sharedmemory.core.internal.codec.ValueCodec;

/**
 * A listener in the main process itself. Each message is decoded afresh for it on its own
 * listener queue, never on the publisher's thread. If main's listeners fall
 * {@code max-pending-messages} behind, further messages to them are dropped, counted and
 * logged by {@link DroppedMessages}: blocking instead would stall the child whose publish is
 * being routed.
 */
final class LocalSubscription implements Subscriber, Subscription {

    private final String target;

    private final boolean pattern;

    private final BiConsumer<String, Object> listener;

    private final SerialQueue queue;

    private final ValueCodec codec;

    private final MessageRouter router;

    private final AtomicBoolean closed = new AtomicBoolean();

    private final DroppedMessages dropped;

    LocalSubscription(String target, boolean pattern, BiConsumer<String, Object> listener, SerialQueue queue,
            ValueCodec codec, MessageRouter router, DroppedMessages dropped) {
        this.target = target;
        this.pattern = pattern;
        this.listener = listener;
        this.queue = queue;
        this.codec = codec;
        this.router = router;
        this.dropped = dropped;
    }

    void open() {
        if (this.pattern) {
            this.router.subscribePattern(this.target, this);
        }
        else {
            this.router.subscribe(this.target, this);
        }
    }

    @Override
    public void deliver(PublishedMessage message, String matchedPattern) {
        boolean queued = this.queue.offer(() -> {
            if (!this.closed.get()) {
                this.listener.accept(message.channel(), this.codec.decode(message.payload()));
            }
        });
        if (!queued) {
            this.dropped.dropped(toString());
        }
    }

    @Override
    public void close() {
        if (this.closed.compareAndSet(false, true)) {
            if (this.pattern) {
                this.router.unsubscribePattern(this.target, this);
            }
            else {
                this.router.unsubscribe(this.target, this);
            }
            this.dropped.flush();
        }
    }

    @Override
    public String toString() {
        return (this.pattern ? "pattern " : "channel ") + this.target;
    }
}
