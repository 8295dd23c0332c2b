package io.sharedmemory.core;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The operations of a {@link KeyValueStore} that return at once with a future, so one thread
 * can keep many calls in flight: a child pipelines them on its connection to main, a Redis
 * client on Lettuce's connection, and main, which decides in memory, completes them at once.
 * <p>
 * Each future completes with what the blocking method returns, or exceptionally with what it
 * throws ({@link SharedMemoryUnavailableException} once the request timeout has passed, and so
 * on); arguments are checked at once, so a {@code null} key or value throws
 * {@link NullPointerException} from the call itself. Calls made one after another from one thread take effect in that order. Futures may be
 * completed on the store's I/O thread: a dependent stage that blocks should run on an executor
 * of its own ({@code thenApplyAsync(fn, executor)}).
 */
public interface AsyncKeyValueStore {

    /**
     * Stores a value.
     * @param key the key
     * @param value the value
     * @return completes when stored
     * @see KeyValueStore#set(String, Object)
     */
    CompletableFuture<Void> set(String key, Object value);

    /**
     * Stores a value with a time to live.
     * @param key the key
     * @param value the value
     * @param ttl how long the key lives; must be positive
     * @return completes when stored
     * @see KeyValueStore#set(String, Object, Duration)
     */
    CompletableFuture<Void> set(String key, Object value, Duration ttl);

    /**
     * Reads a value.
     * @param key the key
     * @return the value, or {@code null} if absent
     * @see KeyValueStore#get(String)
     */
    CompletableFuture<Object> get(String key);

    /**
     * Removes a key.
     * @param key the key
     * @return {@code true} if a value was removed
     * @see KeyValueStore#delete(String)
     */
    CompletableFuture<Boolean> delete(String key);

    /**
     * Copies every entry.
     * @return an immutable snapshot
     * @see KeyValueStore#getAll()
     */
    CompletableFuture<Map<String, Object>> getAll();

    /**
     * Reads many keys at once.
     * @param keys the keys
     * @return the present keys among them and their values
     * @see KeyValueStore#getAll(Collection)
     */
    CompletableFuture<Map<String, Object>> getAll(Collection<String> keys);

    /**
     * Stores many entries at once.
     * @param entries the entries
     * @return completes when all are stored
     * @see KeyValueStore#setAll(Map)
     */
    CompletableFuture<Void> setAll(Map<String, ?> entries);

    /**
     * Lists matching keys.
     * @param globPattern the pattern
     * @return the matching keys
     * @see KeyValueStore#keys(String)
     */
    CompletableFuture<Set<String>> keys(String globPattern);

    /**
     * Stores a value if the key is absent.
     * @param key the key
     * @param value the value
     * @return {@code true} if it stored
     * @see KeyValueStore#setIfAbsent(String, Object)
     */
    CompletableFuture<Boolean> setIfAbsent(String key, Object value);

    /**
     * Replaces a value that equals {@code expected}.
     * @param key the key
     * @param expected the value the key must hold
     * @param update the new value
     * @return {@code true} if replaced
     * @see KeyValueStore#compareAndSet(String, Object, Object)
     */
    CompletableFuture<Boolean> compareAndSet(String key, Object expected, Object update);

    /**
     * Adds to an integer value.
     * @param key the key
     * @param delta what to add
     * @return the value after the addition
     * @see KeyValueStore#increment(String, long)
     */
    CompletableFuture<Long> increment(String key, long delta);

    /**
     * Publishes a message.
     * @param channel the channel
     * @param message the message
     * @return completes when main (or Redis) has taken it
     * @see KeyValueStore#publish(String, Object)
     */
    CompletableFuture<Void> publish(String channel, Object message);
}
