package io.sharedmemory.core;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A key-value store with publish/subscribe shared by the processes of one machine.
 * <p>
 * The process with role {@link Role#MAIN} owns the data in memory; processes with role
 * {@link Role#CHILD} reach it over a Unix-domain socket. Every operation is atomic and
 * linearizable because the main process decides all of them. Implementations are thread-safe.
 * <p>
 * Values may be {@code String}, {@code Boolean}, the boxed numbers, {@code byte[]},
 * {@code List}, {@code Set}, {@code Map<String, ?>} (nested freely) and records or plain
 * objects whose package is trusted. A value read back equals the one that was set and has the
 * same class; it is always a copy, never a live object of the store.
 */
public interface KeyValueStore extends AutoCloseable {

    /**
     * Stores a value under a key, replacing any previous value and its time to live.
     * @param key the key, not {@code null}
     * @param value the value, not {@code null}
     * @throws NullPointerException if the key or the value is {@code null}
     * @throws SharedMemoryCodecException if the value cannot be encoded
     * @throws SharedMemoryUnavailableException if the main process cannot be reached in time
     */
    void set(String key, Object value);

    /**
     * Stores a value that disappears after the given time to live.
     * @param key the key, not {@code null}
     * @param value the value, not {@code null}
     * @param ttl how long the key lives; must be positive
     * @throws IllegalArgumentException if {@code ttl} is zero or negative
     */
    void set(String key, Object value, Duration ttl);

    /**
     * Reads a value.
     * @param key the key
     * @return a copy of the value, or {@code null} if the key is absent
     */
    Object get(String key);

    /**
     * Reads a value, with a default for an absent key.
     * @param key the key
     * @param defaultValue what to return when the key is absent
     * @param <T> the expected type of the value
     * @return a copy of the value, or {@code defaultValue} if the key is absent
     * @throws ClassCastException if the stored value is not a {@code T}
     */
    @SuppressWarnings("unchecked")
    default <T> T get(String key, T defaultValue) {
        Object value = get(key);
        return (value != null) ? (T) value : defaultValue;
    }

    /**
     * Removes a key.
     * @param key the key
     * @return {@code true} if a value was removed
     */
    boolean delete(String key);

    /**
     * Copies every entry, however many: main copies them at one instant, and a child receives
     * the copy in parts that each fit {@code max-frame-size} (the request timeout then applies
     * to each part). The redis role lists with {@code SCAN}, which is no single instant.
     * @return an immutable snapshot, never a live view
     */
    Map<String, Object> getAll();

    /**
     * Reads many keys at once: one snapshot (no write of any process lands between two of its
     * reads), in one round trip. A child sends the keys in one request, so they must fit in
     * {@code max-frame-size}; the reply may be of any size.
     * @param keys the keys, none {@code null}
     * @return an immutable map of the keys that are present and their values
     */
    Map<String, Object> getAll(Collection<String> keys);

    /**
     * Stores many entries at once, atomically (no process sees some stored and others not), in
     * one round trip. Like {@link #set(String, Object)}, it clears the keys' times to live.
     * @param entries the entries, no key or value {@code null}
     */
    void setAll(Map<String, ?> entries);

    /**
     * The same operations returning futures, so one thread can keep many calls in flight.
     * @return the asynchronous view of this store
     */
    AsyncKeyValueStore async();

    /**
     * Lists the keys that match a glob pattern ({@code *} any run of characters,
     * {@code ?} one character, {@code \} escapes the next character).
     * @param globPattern the pattern
     * @return an immutable snapshot of the matching keys, however many (like {@link #getAll()})
     */
    Set<String> keys(String globPattern);

    /**
     * Stores a value only if the key is absent, atomically.
     * @param key the key
     * @param value the value
     * @return {@code true} if the value was stored
     */
    boolean setIfAbsent(String key, Object value);

    /**
     * Replaces a value only if the current value equals {@code expected}, atomically.
     * Values are compared by {@code equals} after decoding.
     * @param key the key
     * @param expected the value the key must hold
     * @param update the new value
     * @return {@code true} if the value was replaced
     */
    boolean compareAndSet(String key, Object expected, Object update);

    /**
     * Adds to an integer value atomically; an absent key counts as 0.
     * @param key the key
     * @param delta what to add (may be negative)
     * @return the value after the addition
     * @throws SharedMemoryException if the key holds a value that is not an integer,
     *         or the addition overflows a {@code long}
     */
    long increment(String key, long delta);

    /**
     * Delivers a message to every subscriber of the channel in every connected process,
     * the publisher's own process included. No subscriber is fine.
     * @param channel the channel
     * @param message the message, not {@code null}
     */
    void publish(String channel, Object message);

    /**
     * Subscribes to one channel. The listener never runs on the socket I/O thread; messages
     * from one publisher arrive in publish order.
     * @param channel the channel
     * @param listener receives each message
     * @return the subscription; close it to unsubscribe
     */
    Subscription subscribe(String channel, Consumer<Object> listener);

    /**
     * Subscribes to every channel that matches a glob pattern.
     * @param globPattern the pattern
     * @param listener receives {@code (channel, message)}
     * @return the subscription; close it to unsubscribe
     */
    Subscription subscribePattern(String globPattern, BiConsumer<String, Object> listener);

    /**
     * Watches every change of the keys that match a glob pattern, made by any process (this one
     * included) or by a time to live running out. Per key, events arrive in the order the changes
     * were applied; like messages, they reach a process only while it is connected, and the
     * listener never runs on the socket I/O thread.
     * @param keyPattern glob pattern ({@code *}, {@code ?}) of the keys to watch
     * @param listener receives each change
     * @return the watch; close it to stop watching
     */
    Subscription watch(String keyPattern, Consumer<KeyEvent> listener);

    /**
     * Tells which role this process plays.
     * @return {@link Role#MAIN}, {@link Role#CHILD} or {@link Role#REDIS}
     */
    Role role();

    /**
     * Releases the store: a main process unbinds its socket, a child disconnects.
     * Never throws.
     */
    @Override
    void close();
}
