package io.sharedmemory.core.internal.server;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;

import io.sharedmemory.core.internal.store.GlobPattern;

/**
 * Main's table of who subscribed to what, for every process. Publishing looks up the
 * channel's subscribers and tests each pattern; it runs on the publisher's thread, so the
 * messages of one publisher reach every subscriber's queue in publish order.
 */
final class MessageRouter {

    private final Map<String, Set<Subscriber>> channels = new ConcurrentHashMap<>();

    private final CopyOnWriteArrayList<PatternEntry> patterns = new CopyOnWriteArrayList<>();

    void subscribe(String channel, Subscriber subscriber) {
        this.channels.computeIfAbsent(channel, (key) -> new CopyOnWriteArraySet<>()).add(subscriber);
    }

    void unsubscribe(String channel, Subscriber subscriber) {
        // Removing inside compute keeps a concurrent subscribe from adding to a dropped set.
        this.channels.computeIfPresent(channel, (key, subscribers) -> {
            subscribers.remove(subscriber);
            return subscribers.isEmpty() ? null : subscribers;
        });
    }

    void subscribePattern(String pattern, Subscriber subscriber) {
        this.patterns.addIfAbsent(new PatternEntry(GlobPattern.compile(pattern), subscriber));
    }

    void unsubscribePattern(String pattern, Subscriber subscriber) {
        this.patterns.removeIf((entry) -> entry.subscriber == subscriber && entry.pattern.pattern().equals(pattern));
    }

    /** Forgets every subscription of one subscriber, e.g. a child that went away. */
    void unsubscribeAll(Subscriber subscriber) {
        for (String channel : this.channels.keySet()) {
            unsubscribe(channel, subscriber);
        }
        this.patterns.removeIf((entry) -> entry.subscriber == subscriber);
    }

    /**
     * Hands a message to every matching subscriber.
     * @return how many subscriptions it reached
     */
    int publish(String channel, byte[] payload) {
        PublishedMessage message = new PublishedMessage(channel, payload);
        int reached = 0;
        Set<Subscriber> subscribers = this.channels.get(channel);
        if (subscribers != null) {
            for (Subscriber subscriber : subscribers) {
                subscriber.deliver(message, null);
                reached++;
            }
        }
        for (PatternEntry entry : this.patterns) {
            if (entry.pattern.matches(channel)) {
                entry.subscriber.deliver(message, entry.pattern.pattern());
                reached++;
            }
        }
        return reached;
    }

    /** How many channel and pattern subscriptions are held, for leak checks. */
    int subscriptionCount() {
        int count = this.patterns.size();
        for (Set<Subscriber> subscribers : this.channels.values()) {
            count += subscribers.size();
        }
        return count;
    }

    private record PatternEntry(GlobPattern pattern, Subscriber subscriber) {
    }
}
