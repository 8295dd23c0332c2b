package io.sharedmemory.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.sharedmemory.core.KeyEvent;
import io.sharedmemory.core.SharedMemoryException;
import io.sharedmemory.core.SharedMemoryUnavailableException;
import io.sharedmemory.core.Subscription;
import io.sharedmemory.core.internal.pubsub.ListenerDispatcher;
import io.sharedmemory.core.internal.pubsub.NamedThreadFactory;
import io.sharedmemory.core.internal.pubsub.SerialQueue;
import io.sharedmemory.core.internal.store.GlobPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's watches on key changes, and its side of the watch handshake.
 * <p>
 * While this process has a watch, it is registered in Redis ({@link RedisWatchChannels#registry()})
 * and, on its subscriber connection, subscribed to the event channels of each watched pattern
 * and to Redis's notification of expired keys. A registration starts with the handshake of
 * {@link RedisWatchControl}: {@code watch} returns once every process subscribed to the control
 * channel has switched to the watched scripts, so from then on every change of a watched key is
 * published, with its old and new values, in the order Redis applied it. Events arrive on
 * Lettuce's I/O thread and are only queued there, on each watch's own serial queue (bounded by
 * {@code max-pending-messages} with the subscriptions); the subscriber cuts its connection when
 * they are full, as for messages.
 * <p>
 * The lock guards the table, the registration and the connection against each other; the I/O
 * thread reads the table without it.
 */
final class RedisWatches {

    private static final Logger logger = LoggerFactory.getLogger(RedisWatches.class);


    private final RedisNames names;

    private final RedisWatchChannels channels;

    private final RedisValues values;

    private final RedisCalls calls;

    private final ListenerDispatcher dispatcher;

    private final RedisWatcherPresence presence;

    private final RedisWatchRegistration registration;

    private final Object lock = new Object();

    private final long leaseMillis;

    /** Renews the lease of this process's registration; started with its first watch, guarded by the lock. */
    private ScheduledExecutorService renewer;

    /** By glob; a group's Redis pattern is subscribed while the group has watches. */
    private final Map<String, Group> groups = new ConcurrentHashMap<>();

    /** The subscriber connection once it is subscribed to everything here; guarded by the lock. */
    private volatile StatefulRedisPubSubConnection<byte[], byte[]> connection;

    RedisWatches(RedisNames names, RedisWatchChannels channels, RedisValues values, RedisCalls calls,
            ListenerDispatcher dispatcher, RedisWatcherPresence presence, Duration lease) {
        this.names = names;
        this.channels = channels;
        this.values = values;
        this.calls = calls;
        this.dispatcher = dispatcher;
        this.presence = presence;
        this.registration = new RedisWatchRegistration(channels, calls, presence, lease);
        this.leaseMillis = lease.toMillis();
    }

    /**
     * Renews this process's registration, on the renewer's thread; registers again (with the
     * handshake) if the renewal came so late that other processes may have dropped it.
     */
    private void renewLease() {
        synchronized (this.lock) {
            if (!this.registration.isRegistered() || this.connection == null || this.groups.isEmpty()) {
                return;
            }
            long deadline = this.calls.deadline();
            try {
                if (!this.registration.renew(deadline)) {
                    logger.warn("The watch registration of this process was renewed too late; registering again "
                            + "(changes other processes wrote meanwhile may have been missed)");
                    String missing = this.registration.register(deadline);
                    if (missing != null) {
                        logger.warn("Registering again: {}", missing);
                    }
                }
            }
            catch (RuntimeException ex) {
                logger.debug("Could not renew the watch registration now: {}", ex.getMessage());
            }
        }
    }

    /** Handles a message on the control channel; runs on the I/O thread and never blocks long. */
    void control(byte[] message) {
        this.registration.control(message);
    }

    /**
     * Watches the keys a glob matches; if connected, returns once the handshake is done.
     * @throws SharedMemoryException if Redis refuses to notify expired keys, or the handshake fails
     */
    Subscription open(String keyPattern, Consumer<KeyEvent> listener) {
        GlobPattern glob = GlobPattern.compile(keyPattern);
        synchronized (this.lock) {
            boolean first = this.groups.isEmpty();
            Group group = this.groups.computeIfAbsent(keyPattern, (key) -> new Group(glob,
                    new String(this.channels.events().pattern(keyPattern), StandardCharsets.UTF_8)));
            boolean newPattern = group.watches.isEmpty() && !patternShared(group);
            Watch watch = new Watch(group, listener, this.dispatcher.newQueue("watch " + keyPattern));
            group.watches.add(watch);
            if (this.renewer == null) {
                long every = Math.max(1, this.leaseMillis / 3);
                this.renewer = Executors.newSingleThreadScheduledExecutor(
                        new NamedThreadFactory("shared-memory-redis-watch-lease"));
                this.renewer.scheduleWithFixedDelay(this::renewLease, every, every, TimeUnit.MILLISECONDS);
            }
            StatefulRedisPubSubConnection<byte[], byte[]> current = this.connection;
            if (current != null) {
                try {
                    long deadline = this.calls.deadline();
                    if (first) {
                        this.registration.notifyExpiredKeys(deadline);
                        this.calls.await(current.async().subscribe(this.channels.expired()), deadline);
                    }
                    if (newPattern) {
                        this.calls.await(current.async().psubscribe(group.redisPattern()), deadline);
                    }
                    String missing = first ? this.registration.register(deadline) : null;
                    if (missing != null) {
                        throw new SharedMemoryUnavailableException("Cannot watch " + keyPattern + ": " + missing);
                    }
                }
                catch (RuntimeException ex) {
                    remove(watch);
                    throw ex;
                }
            }
            return watch;
        }
    }

    /**
     * Subscribes a new subscriber connection to the control channel and this process's watches,
     * learns who watches, and registers again if this process watches (Redis may have restarted
     * and lost the set of watchers). Runs on the connecting thread.
     */
    void attach(StatefulRedisPubSubConnection<byte[], byte[]> fresh) {
        synchronized (this.lock) {
            long deadline = this.calls.deadline();
            this.calls.await(fresh.async().subscribe(this.channels.control()), deadline);
            this.presence.syncing();
            this.presence.synced(this.registration.watchers(deadline));
            if (!this.groups.isEmpty()) {
                try {
                    this.registration.notifyExpiredKeys(deadline);
                }
                catch (SharedMemoryException ex) {
                    logger.error("Watches of this process will get no EXPIRE events: {}", ex.getMessage());
                }
                this.calls.await(fresh.async().subscribe(this.channels.expired()), deadline);
                for (String pattern : Set.copyOf(this.groups.values().stream().map(Group::redisPatternText).toList())) {
                    this.calls.await(fresh.async().psubscribe(pattern.getBytes(StandardCharsets.UTF_8)), deadline);
                }
                this.connection = fresh;
                String missing = this.registration.register(deadline);
                if (missing != null) {
                    logger.warn("Watching again after reconnecting, {}; changes those processes write may be missed",
                            missing);
                }
            }
            else {
                this.connection = fresh;
                if (this.registration.isRegistered()) {
                    this.registration.unregister(deadline);
                }
            }
        }
    }

    /** The subscriber connection is gone; handshake messages may be missed until the next one. */
    void detach() {
        this.connection = null;
        this.presence.unsynced();
    }

    /** Like {@link #detach()}, if the connection lost is the one these watches are on. */
    void detach(Object lost) {
        if (lost != null && lost == this.connection) {
            detach();
        }
    }

    /** Ends this process's registration, if any, within the request timeout; never throws. */
    void close() {
        synchronized (this.lock) {
            if (this.renewer != null) {
                this.renewer.shutdownNow();
            }
            if (this.registration.isRegistered()) {
                this.registration.unregister(this.calls.deadline());
            }
            this.connection = null;
        }
    }

    /**
     * Queues a SET or DELETE event that matched one of this process's patterns.
     * @return {@code false} if a watch's queue was full
     */
    boolean event(byte[] pattern, byte[] channel, byte[] frame) {
        String redisPattern = new String(pattern, StandardCharsets.UTF_8);
        String key = this.channels.events().strip(channel);
        boolean all = true;
        for (Group group : this.groups.values()) {
            if (group.redisPatternText().equals(redisPattern) && RedisNames.matches(group.glob(), key)) {
                for (Watch watch : group.watches) {
                    all &= watch.offer(() -> {
                        RedisKeyEventFrame decoded = RedisKeyEventFrame.decode(frame);
                        return new KeyEvent(decoded.type(), key, decodeOrNull(decoded.oldValue()),
                                decodeOrNull(decoded.newValue()));
                    });
                }
            }
        }
        return all;
    }

    /**
     * Queues an EXPIRE event for a key Redis expired; Redis no longer has its value.
     * @return {@code false} if a watch's queue was full
     */
    boolean expired(byte[] redisKey) {
        String key = this.names.strip(redisKey);
        if (key == null) {
            return true;
        }
        boolean all = true;
        for (Group group : this.groups.values()) {
            if (group.glob().matches(key)) {
                for (Watch watch : group.watches) {
                    all &= watch.offer(() -> new KeyEvent(KeyEvent.Type.EXPIRE, key, null, null));
                }
            }
        }
        return all;
    }

    /** Tells whether this process watches now (so its subscriber should subscribe the expiry channel). */
    boolean isWatching() {
        return !this.groups.isEmpty();
    }

    private Object decodeOrNull(byte[] bytes) {
        return (bytes != null) ? this.values.decode(bytes) : null;
    }

    private void remove(Watch watch) {
        synchronized (this.lock) {
            Group group = watch.group;
            if (!group.watches.remove(watch)) {
                return;
            }
            StatefulRedisPubSubConnection<byte[], byte[]> current = this.connection;
            long deadline = this.calls.deadline();
            try {
                if (group.watches.isEmpty()) {
                    this.groups.remove(group.glob().pattern(), group);
                    if (current != null && !patternShared(group)) {
                        this.calls.await(current.async().punsubscribe(group.redisPattern()), deadline);
                    }
                }
                if (this.groups.isEmpty() && current != null) {
                    this.calls.await(current.async().unsubscribe(this.channels.expired()), deadline);
                }
            }
            catch (SharedMemoryException ex) {
                // Closing never throws; a new connection subscribes only what the table holds.
                logger.debug("Could not unsubscribe {}: {}", watch, ex.getMessage());
            }
            if (this.groups.isEmpty() && this.registration.isRegistered()) {
                this.registration.unregister(deadline);
            }
        }
    }

    private boolean patternShared(Group group) {
        return this.groups.values().stream().anyMatch((other) -> other != group && !other.watches.isEmpty()
                && other.redisPatternText().equals(group.redisPatternText()));
    }

    /** The watches of one glob, and the Redis pattern of its event channels. */
    private record Group(GlobPattern glob, String redisPatternText, List<Watch> watches) {

        Group(GlobPattern glob, String redisPatternText) {
            this(glob, redisPatternText, new CopyOnWriteArrayList<>());
        }

        byte[] redisPattern() {
            return this.redisPatternText.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** One watch: its listener runs on its own serial queue. */
    private final class Watch implements Subscription {

        private final Group group;

        private final Consumer<KeyEvent> listener;

        private final SerialQueue queue;

        private volatile boolean closed;

        Watch(Group group, Consumer<KeyEvent> listener, SerialQueue queue) {
            this.group = group;
            this.listener = listener;
            this.queue = queue;
        }

        /** Queues an event, decoded on the listener's thread. */
        boolean offer(Supplier<KeyEvent> event) {
            return this.queue.offer(() -> {
                if (!this.closed) {
                    this.listener.accept(event.get());
                }
            });
        }

        @Override
        public void close() {
            if (!this.closed) {
                this.closed = true;
                remove(this);
            }
        }

        @Override
        public String toString() {
            return "watch " + this.group.glob().pattern();
        }
    }
}
