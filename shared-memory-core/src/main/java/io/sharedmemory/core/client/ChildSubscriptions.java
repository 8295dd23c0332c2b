package io.sharedmemory.core.client;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.sharedmemory.core.Subscription;
import io.sharedmemory.core.pubsub.ListenerDispatcher;
import io.sharedmemory.core.pubsub.SerialQueue;
import io.sharedmemory.core.wire.ValueCodec;

/**
 * A child's own listeners, by channel and by pattern. Main is told once per channel or
 * pattern, however many listeners share it; this table is what is subscribed again after a
 * reconnect. Pushed messages are decoded for each listener on its own queue.
 */
final class ChildSubscriptions implements ClientConnection.PushHandler {

    private final Map<String, List<Listener>> channels = new ConcurrentHashMap<>();

    private final Map<String, List<Listener>> patterns = new ConcurrentHashMap<>();

    private final ListenerDispatcher dispatcher;

    private final ValueCodec codec;

    ChildSubscriptions(ListenerDispatcher dispatcher, ValueCodec codec) {
        this.dispatcher = dispatcher;
        this.codec = codec;
    }

    /**
     * Adds a listener.
     * @return the listener; {@link Listener#first()} tells whether main must be told
     */
    Listener add(String target, boolean pattern, BiConsumer<String, Object> listener, Consumer<Listener> onClose) {
        Listener entry = new Listener(target, pattern, listener,
                this.dispatcher.newQueue((pattern ? "pattern " : "channel ") + target), onClose);
        List<Listener> listeners = table(pattern).computeIfAbsent(target, (key) -> new CopyOnWriteArrayList<>());
        listeners.add(entry);
        entry.first = listeners.size() == 1;
        return entry;
    }

    /**
     * Removes a listener.
     * @return {@code true} if it was the last of its channel or pattern, so main must be told
     */
    boolean remove(Listener listener) {
        boolean[] last = new boolean[1];
        table(listener.pattern).computeIfPresent(listener.target, (key, listeners) -> {
            listeners.remove(listener);
            last[0] = listeners.isEmpty();
            return last[0] ? null : listeners;
        });
        return last[0];
    }

    Set<String> channels() {
        return Set.copyOf(this.channels.keySet());
    }

    Set<String> patterns() {
        return Set.copyOf(this.patterns.keySet());
    }

    @Override
    public void message(String channel, String pattern, byte[] payload) {
        List<Listener> listeners = (pattern != null) ? this.patterns.get(pattern) : this.channels.get(channel);
        if (listeners == null) {
            return;
        }
        for (Listener listener : listeners) {
            listener.queue.put(() -> {
                if (!listener.closed.get()) {
                    listener.callback.accept(channel, this.codec.decode(payload));
                }
            });
        }
    }

    private Map<String, List<Listener>> table(boolean pattern) {
        return pattern ? this.patterns : this.channels;
    }

    /** One listener of this child. */
    static final class Listener implements Subscription {

        final String target;

        final boolean pattern;

        private final BiConsumer<String, Object> callback;

        private final SerialQueue queue;

        private final Consumer<Listener> onClose;

        private final AtomicBoolean closed = new AtomicBoolean();

        private boolean first;

        Listener(String target, boolean pattern, BiConsumer<String, Object> callback, SerialQueue queue,
                Consumer<Listener> onClose) {
            this.target = target;
            this.pattern = pattern;
            this.callback = callback;
            this.queue = queue;
            this.onClose = onClose;
        }

        boolean first() {
            return this.first;
        }

        @Override
        public void close() {
            if (this.closed.compareAndSet(false, true)) {
                this.onClose.accept(this);
            }
        }

        @Override
        public String toString() {
            return (this.pattern ? "pattern " : "channel ") + this.target;
        }
    }
}
