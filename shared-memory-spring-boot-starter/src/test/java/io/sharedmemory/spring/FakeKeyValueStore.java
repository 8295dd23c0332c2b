package io.sharedmemory.spring;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.sharedmemory.core.KeyEvent;
import io.sharedmemory.core.AsyncKeyValueStore;
import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.Role;
import io.sharedmemory.core.Subscription;
import io.sharedmemory.core.internal.store.GlobPattern;

/**
 * An in-process stand-in for a store, for testing the Spring wiring alone: values live in a map
 * and {@link #publish} delivers synchronously, on the publishing thread; so do {@code set} and
 * {@code delete} to watchers.
 */
public class FakeKeyValueStore implements KeyValueStore {

    private final Map<String, Object> values = new ConcurrentHashMap<>();

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();

    private final Role role;

    public FakeKeyValueStore() {
        this(Role.MAIN);
    }

    public FakeKeyValueStore(Role role) {
        this.role = role;
    }

    /** @return the subscriptions that are open now */
    public int subscriptionCount() {
        return this.listeners.size();
    }

    /** @return the watches that are open now */
    public int watchCount() {
        return this.watchers.size();
    }

    /** @return the channels and patterns subscribed now */
    public Set<String> subscribedNames() {
        return this.listeners.stream().map((listener) -> listener.name).collect(Collectors.toSet());
    }

    @Override
    public void set(String key, Object value) {
        changed(KeyEvent.Type.SET, key, this.values.put(key, value), value);
    }

    @Override
    public void set(String key, Object value, Duration ttl) {
        set(key, value);
    }

    @Override
    public Object get(String key) {
        return this.values.get(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(String key, T defaultValue) {
        return (T) this.values.getOrDefault(key, defaultValue);
    }

    @Override
    public boolean delete(String key) {
        Object old = this.values.remove(key);
        if (old != null) {
            changed(KeyEvent.Type.DELETE, key, old, null);
        }
        return old != null;
    }

    @Override
    public Map<String, Object> getAll() {
        return Map.copyOf(this.values);
    }

    @Override
    public Map<String, Object> getAll(Collection<String> keys) {
        Map<String, Object> found = new HashMap<>();
        keys.forEach((key) -> {
            Object value = this.values.get(key);
            if (value != null) {
                found.put(key, value);
            }
        });
        return Map.copyOf(found);
    }

    @Override
    public void setAll(Map<String, ?> entries) {
        this.values.putAll(entries);
    }

    /** Not needed by the Spring wiring under test. */
    @Override
    public AsyncKeyValueStore async() {
        throw new UnsupportedOperationException("The fake store has no asynchronous view");
    }

    @Override
    public Set<String> keys(String globPattern) {
        GlobPattern glob = GlobPattern.compile(globPattern);
        return this.values.keySet().stream().filter(glob::matches).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public boolean setIfAbsent(String key, Object value) {
        return this.values.putIfAbsent(key, value) == null;
    }

    @Override
    public boolean compareAndSet(String key, Object expected, Object update) {
        return this.values.replace(key, expected, update);
    }

    @Override
    public long increment(String key, long delta) {
        return (Long) this.values.merge(key, delta, (a, b) -> ((Number) a).longValue() + (Long) b);
    }

    @Override
    public void publish(String channel, Object message) {
        for (Listener listener : this.listeners) {
            if (listener.pattern.matches(channel)) {
                listener.consumer.accept(channel, message);
            }
        }
    }

    @Override
    public Subscription subscribe(String channel, Consumer<Object> listener) {
        return add(new Listener(channel, GlobPattern.compile(escape(channel)), (c, m) -> listener.accept(m)));
    }

    @Override
    public Subscription subscribePattern(String globPattern, BiConsumer<String, Object> listener) {
        return add(new Listener(globPattern, GlobPattern.compile(globPattern), listener));
    }

    @Override
    public Subscription watch(String keyPattern, Consumer<KeyEvent> listener) {
        Watcher watcher = new Watcher(GlobPattern.compile(keyPattern), listener);
        this.watchers.add(watcher);
        return () -> this.watchers.remove(watcher);
    }

    private void changed(KeyEvent.Type type, String key, Object old, Object value) {
        for (Watcher watcher : this.watchers) {
            if (watcher.pattern.matches(key)) {
                watcher.listener.accept(new KeyEvent(type, key, old, value));
            }
        }
    }

    @Override
    public Role role() {
        return this.role;
    }

    @Override
    public void close() {
        this.listeners.clear();
    }

    private Subscription add(Listener listener) {
        this.listeners.add(listener);
        return () -> this.listeners.remove(listener);
    }

    private static String escape(String channel) {
        return channel.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
    }

    private record Watcher(GlobPattern pattern, Consumer<KeyEvent> listener) {
    }

    private record Listener(String name, GlobPattern pattern, BiConsumer<String, Object> consumer) {
    }
}
