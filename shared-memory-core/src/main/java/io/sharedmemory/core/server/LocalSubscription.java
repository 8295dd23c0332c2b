package io.sharedmemory.core.server;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sharedmemory.core.Subscription;
import io.sharedmemory.core.pubsub.SerialQueue;
import io.sharedmemory.core.codec.ValueCodec;

/**
 * A listener in the main process itself. Each message is decoded afresh for it on its own
 * listener queue, never on the publisher's thread. If main's listeners fall
 * {@code max-pending-messages} behind, further messages to them are dropped with a warning:
 * blocking instead would stall the child whose publish is being routed.
 */
final class LocalSubscription implements Subscriber, Subscription {

    private static final Logger logger = LoggerFactory.getLogger(LocalSubscription.class);

    private final String target;

    private final boolean pattern;

    private final BiConsumer<String, Object> listener;

    private final SerialQueue queue;

    private final ValueCodec codec;

    private final MessageRouter router;

    private final AtomicBoolean closed = new AtomicBoolean();

    private final AtomicLong dropped = new AtomicLong();

    LocalSubscription(String target, boolean pattern, BiConsumer<String, Object> listener, SerialQueue queue,
            ValueCodec codec, MessageRouter router) {
        this.target = target;
        this.pattern = pattern;
        this.listener = listener;
        this.queue = queue;
        this.codec = codec;
        this.router = router;
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
        if (!queued && this.dropped.getAndIncrement() % 1000 == 0) {
            logger.warn("Listener of {} is {} messages behind (shared-memory.max-pending-messages); dropped {} so far",
                    this.target, "too many", this.dropped.get());
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
        }
    }

    @Override
    public String toString() {
        return (this.pattern ? "pattern " : "channel ") + this.target;
    }
}
