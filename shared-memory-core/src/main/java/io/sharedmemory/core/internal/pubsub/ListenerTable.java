package io.sharedmemory.core.internal.pubsub;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.sharedmemory.core.Subscription;
import io.sharedmemory.core.internal.codec.ValueCodec;

/**
 * The listeners of a process that reaches its messages over a connection (a child, or a Redis
 * client), by channel and by pattern. The server is told once per channel or pattern, however
 * many listeners share it; this table is what is subscribed again after a reconnect. Each
 * message is decoded for each listener on the listener's own {@link SerialQueue}.
 */
public final class ListenerTable {

    private final Map<String, List<Listener>> channels = new ConcurrentHashMap<>();

    private final Map<String, List<Listener>> patterns = new ConcurrentHashMap<>();

    private final ListenerDispatcher dispatcher;

    private final ValueCodec codec;

    /**
     * Creates an empty table.
     * @param dispatcher runs the listeners
     * @param codec decodes the messages
     */
    public ListenerTable(ListenerDispatcher dispatcher, ValueCodec codec) {
        this.dispatcher = dispatcher;
        this.codec = codec;
    }

    /**
     * Adds a listener.
     * @param target the channel or pattern
     * @param pattern whether {@code target} is a pattern
     * @param listener receives {@code (channel, message)}
     * @param onClose called once when the listener is closed
     * @return the listener; {@link Listener#first()} tells whether the server must be told
     */
    public Listener add(String target, boolean pattern, BiConsumer<String, Object> listener, Consumer<Listener> onClose) {
        Listener entry = new Listener(target, pattern, listener,
                this.dispatcher.newQueue((pattern ? "pattern " : "channel ") + target), onClose);
        List<Listener> listeners = table(pattern).computeIfAbsent(target, (key) -> new CopyOnWriteArrayList<>());
        listeners.add(entry);
        entry.first = listeners.size() == 1;
        return entry;
    }

    /**
     * Removes a listener.
     * @param listener the listener
     * @return {@code true} if it was the last of its channel or pattern, so the server must be told
     */
    public boolean remove(Listener listener) {
        boolean[] last = new boolean[1];
        table(listener.pattern).computeIfPresent(listener.target, (key, listeners) -> {
            listeners.remove(listener);
            last[0] = listeners.isEmpty();
            return last[0] ? null : listeners;
        });
        return last[0];
    }

    /**
     * The channels that have listeners.
     * @return a snapshot
     */
    public Set<String> channels() {
        return Set.copyOf(this.channels.keySet());
    }

    /**
     * The patterns that have listeners.
     * @return a snapshot
     */
    public Set<String> patterns() {
        return Set.copyOf(this.patterns.keySet());
    }

    /**
     * Queues a message for every listener of its channel (or of the pattern it matched),
     * waiting for room while the dispatcher is full: a child's reader slows down, so main's
     * bounded queue for it fills and main cuts it off.
     * @param channel the channel it was published on
     * @param pattern the pattern it matched, or {@code null} for a channel subscription
     * @param payload the encoded message
     */
    public void put(String channel, String pattern, byte[] payload) {
        deliver(channel, pattern, payload, true);
    }

    /**
     * Queues a message for every listener of its channel (or of the pattern it matched) if the
     * dispatcher has room; never blocks, for callers on an I/O thread they do not own.
     * @param channel the channel it was published on
     * @param pattern the pattern it matched, or {@code null} for a channel subscription
     * @param payload the encoded message
     * @return {@code false} if a listener's message was dropped because the dispatcher was full
     */
    public boolean offer(String channel, String pattern, byte[] payload) {
        return deliver(channel, pattern, payload, false);
    }

    private boolean deliver(String channel, String pattern, byte[] payload, boolean block) {
        List<Listener> listeners = (pattern != null) ? this.patterns.get(pattern) : this.channels.get(channel);
        if (listeners == null) {
            return true;
        }
        boolean all = true;
        for (Listener listener : listeners) {
            Runnable task = () -> {
                if (!listener.closed.get()) {
                    listener.callback.accept(channel, this.codec.decode(payload));
                }
            };
            all &= block ? listener.queue.put(task) : listener.queue.offer(task);
        }
        return all;
    }

    private Map<String, List<Listener>> table(boolean pattern) {
        return pattern ? this.patterns : this.channels;
    }

    /** One listener of this process. */
    public static final class Listener implements Subscription {

        private final String target;

        private final boolean pattern;

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

        /**
         * Tells whether this listener was the first of its channel or pattern when added.
         * @return {@code true} if the server must be told of the subscription
         */
        public boolean first() {
            return this.first;
        }

        /**
         * The channel or pattern.
         * @return the name
         */
        public String target() {
            return this.target;
        }

        /**
         * Tells whether {@link #target()} is a pattern.
         * @return {@code true} for a pattern
         */
        public boolean pattern() {
            return this.pattern;
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
