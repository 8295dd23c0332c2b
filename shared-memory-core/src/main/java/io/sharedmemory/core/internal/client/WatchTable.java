package io.sharedmemory.core.internal.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.sharedmemory.core.KeyEvent;
import io.sharedmemory.core.Subscription;
import io.sharedmemory.core.internal.codec.ValueCodec;
import io.sharedmemory.core.internal.nearcache.InvalidationListener;
import io.sharedmemory.core.internal.protocol.KeyEventPush;
import io.sharedmemory.core.internal.pubsub.ListenerDispatcher;
import io.sharedmemory.core.internal.pubsub.SerialQueue;
import io.sharedmemory.core.internal.store.GlobPattern;

/**
 * A child's watches, by glob: the listeners that want {@link KeyEvent}s with values, and the
 * near-cache trackers that want only the keys. Main is told once per glob (with values if any of
 * the glob's entries wants them); this table is what is watched again after a reconnect. A
 * {@code KEY_EVENT} push is routed to every entry whose glob matches its key, each on its own
 * {@link SerialQueue}, so per key in the order main applied the changes.
 *
 * <p>Not synchronized itself: {@link ChildLink} changes it under its lock, and routing reads
 * only concurrent structures.
 */
final class WatchTable {

    private final Map<String, Glob> globs = new ConcurrentHashMap<>();

    private final List<Tracker> trackers = new CopyOnWriteArrayList<>();

    private final ListenerDispatcher dispatcher;

    private final ValueCodec codec;

    WatchTable(ListenerDispatcher dispatcher, ValueCodec codec) {
        this.dispatcher = dispatcher;
        this.codec = codec;
    }

    /**
     * What main must hold for a glob now.
     * @return {@code null} if nothing watches it, else whether its pushes must carry values
     */
    Boolean registration(String glob) {
        Glob entry = this.globs.get(glob);
        return (entry != null) ? entry.withValues() : null;
    }

    /** Every glob watched, with whether its pushes must carry values. */
    Map<String, Boolean> registrations() {
        Map<String, Boolean> all = new HashMap<>();
        this.globs.forEach((glob, entry) -> all.put(glob, entry.withValues()));
        return all;
    }

    ValueWatch addWatch(String glob, Consumer<KeyEvent> listener, Consumer<ValueWatch> onClose) {
        GlobPattern pattern = GlobPattern.compile(glob);
        ValueWatch watch = new ValueWatch(glob, listener, this.dispatcher.newQueue("watch " + glob), onClose);
        this.globs.computeIfAbsent(glob, (key) -> new Glob(pattern)).values.add(watch);
        return watch;
    }

    void removeWatch(ValueWatch watch) {
        this.globs.computeIfPresent(watch.glob, (key, entry) -> {
            entry.values.remove(watch);
            return entry.isEmpty() ? null : entry;
        });
    }

    Tracker addTracker(List<String> globPatterns, InvalidationListener listener) {
        Tracker tracker = new Tracker(List.copyOf(globPatterns), listener,
                this.dispatcher.newQueue("invalidations of " + globPatterns));
        for (String glob : tracker.globs) {
            GlobPattern pattern = GlobPattern.compile(glob);
            this.globs.computeIfAbsent(glob, (key) -> new Glob(pattern)).trackers.add(tracker);
        }
        this.trackers.add(tracker);
        return tracker;
    }

    void removeTracker(Tracker tracker) {
        this.trackers.remove(tracker);
        for (String glob : tracker.globs) {
            this.globs.computeIfPresent(glob, (key, entry) -> {
                entry.trackers.remove(tracker);
                return entry.isEmpty() ? null : entry;
            });
        }
        tracker.closed = true;
    }

    /** Every tracker: main holds every glob now, so changes from here on are told. */
    void live() {
        for (Tracker tracker : this.trackers) {
            tracker.live();
        }
    }

    /** Every tracker: changes may have gone untold. */
    void lost() {
        for (Tracker tracker : this.trackers) {
            tracker.lost();
        }
    }

    /**
     * Queues a pushed change for every entry whose glob matches, waiting for room while the
     * dispatcher is full (as messages do: the reader slows down and main cuts this child off).
     */
    void put(KeyEventPush push) {
        List<Tracker> told = null;
        for (Glob entry : this.globs.values()) {
            if (!entry.pattern.matches(push.key())) {
                continue;
            }
            if (!push.keysOnly()) {
                for (ValueWatch watch : entry.values) {
                    watch.queue.put(() -> watch.deliver(push, this.codec));
                }
            }
            // A push without values predates the values being asked for: value watches skip it.
            for (Tracker tracker : entry.trackers) {
                told = (told != null) ? told : new ArrayList<>(2);
                if (!told.contains(tracker)) {
                    told.add(tracker);
                    tracker.invalidated(push.key());
                }
            }
        }
    }

    /** The entries of one glob. */
    private static final class Glob {

        private final GlobPattern pattern;

        private final List<ValueWatch> values = new CopyOnWriteArrayList<>();

        private final List<Tracker> trackers = new CopyOnWriteArrayList<>();

        Glob(GlobPattern pattern) {
            this.pattern = pattern;
        }

        boolean withValues() {
            return !this.values.isEmpty();
        }

        boolean isEmpty() {
            return this.values.isEmpty() && this.trackers.isEmpty();
        }
    }

    /** One {@code watch} listener of this process. */
    static final class ValueWatch implements Subscription {

        private final String glob;

        private final Consumer<KeyEvent> listener;

        private final SerialQueue queue;

        private final Consumer<ValueWatch> onClose;

        private final AtomicBoolean closed = new AtomicBoolean();

        ValueWatch(String glob, Consumer<KeyEvent> listener, SerialQueue queue, Consumer<ValueWatch> onClose) {
            this.glob = glob;
            this.listener = listener;
            this.queue = queue;
            this.onClose = onClose;
        }

        String glob() {
            return this.glob;
        }

        private void deliver(KeyEventPush push, ValueCodec codec) {
            if (!this.closed.get()) {
                Object oldValue = (push.oldValue() != null) ? codec.decode(push.oldValue()) : null;
                Object newValue = (push.newValue() != null) ? codec.decode(push.newValue()) : null;
                this.listener.accept(new KeyEvent(push.type(), push.key(), oldValue, newValue));
            }
        }

        @Override
        public void close() {
            if (this.closed.compareAndSet(false, true)) {
                this.onClose.accept(this);
            }
        }

        @Override
        public String toString() {
            return "watch " + this.glob;
        }
    }

    /**
     * One near cache's tracking. Its state lives on its queue, so the listener's calls come one at
     * a time and in order: LOST (initially) --live--> LIVE --lost--> LOST; invalidations are
     * passed on only while LIVE (one that reaches a LOST tracker is of a change applied before it
     * went live, which nothing cached can predate).
     */
    static final class Tracker {

        private final List<String> globs;

        private final InvalidationListener listener;

        private final SerialQueue queue;

        /** Touched only by tasks on {@link #queue}. */
        private boolean isLive;

        private volatile boolean closed;

        Tracker(List<String> globs, InvalidationListener listener, SerialQueue queue) {
            this.globs = globs;
            this.listener = listener;
            this.queue = queue;
        }

        List<String> globs() {
            return this.globs;
        }

        void live() {
            this.queue.put(() -> {
                if (!this.closed && !this.isLive) {
                    this.isLive = true;
                    this.listener.live();
                }
            });
        }

        void lost() {
            this.queue.put(() -> {
                if (this.isLive) {
                    this.isLive = false;
                    this.listener.lost();
                }
            });
        }

        void invalidated(String key) {
            this.queue.put(() -> {
                if (this.isLive && !this.closed) {
                    this.listener.invalidated(key);
                }
            });
        }
    }
}
