package io.sharedmemory.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.sharedmemory.core.internal.store.GlobPattern;
import io.sharedmemory.core.NotAnIntegerException;

/**
 * The key-value operations as Redis commands, each with the semantics of the main role and
 * each returning a future (the blocking store waits for it): single commands where Redis has
 * one ({@code SET PX}, {@code SET NX}, {@code INCRBY}, {@code MGET}, {@code MSET}), a one-key Lua
 * script where it has not (by-value compare-and-set), and {@code SCAN} (never {@code KEYS}) for
 * listings, which on a cluster visits every master. Every command of an operation is bounded by
 * the deadline the operation took when it started; a listing, whose length grows with the store,
 * takes a new deadline for each page ({@code SCAN} page or {@code MGET} batch), as a child waits
 * for each part of a reply: it never waits past the request timeout for one page.
 * <p>
 * Each write (and each retry within one) is issued through {@link RedisWatcherPresence}: plain
 * while no process watches, else as the matching script of {@link RedisWatchedScripts}, which
 * also publishes the change with its old and new values.
 */
final class RedisKeyOperations {

    /** Keys asked for per SCAN page and fetched per MGET: big enough to amortise the round trip. */
    private static final int BATCH = 1000;

    private final RedisNames names;

    private final RedisValues values;

    private final RedisCalls calls;

    private final RedisWatcherPresence presence;

    private final RedisNames events;

    /** On a cluster a multi-key script must stay in one hash slot, so a watched setAll goes per key. */
    private final boolean cluster;

    RedisKeyOperations(RedisNames names, RedisValues values, RedisCalls calls, RedisWatcherPresence presence,
            RedisWatchChannels channels, boolean cluster) {
        this.names = names;
        this.values = values;
        this.calls = calls;
        this.presence = presence;
        this.events = channels.events();
        this.cluster = cluster;
    }

    CompletableFuture<Void> set(String key, Object value, long ttlMillis) {
        byte[] name = this.names.name(Objects.requireNonNull(key, "key"));
        byte[] bytes = this.values.encode(Objects.requireNonNull(value, "value"));
        long deadline = this.calls.deadline();
        return this.presence.write(() -> this.calls.submit((commands) -> (ttlMillis > 0)
                ? commands.set(name, bytes, SetArgs.Builder.px(ttlMillis)) : commands.set(name, bytes), deadline)
            .thenApply((ok) -> null),
                () -> RedisWatchedScripts.SET.<Long>run(this.calls, deadline, name, bytes, ascii(Long.toString(ttlMillis)),
                        this.events.name(key)).thenApply((ok) -> null));
    }

    CompletableFuture<Object> get(String key) {
        byte[] name = this.names.name(Objects.requireNonNull(key, "key"));
        return this.calls.submit((commands) -> commands.get(name), this.calls.deadline())
            .thenApply((bytes) -> (bytes != null) ? this.values.decode(bytes) : null);
    }

    CompletableFuture<Boolean> delete(String key) {
        byte[] name = this.names.name(Objects.requireNonNull(key, "key"));
        long deadline = this.calls.deadline();
        return this.presence.write(() -> this.calls.submit((commands) -> commands.del(name), deadline)
            .thenApply((count) -> count > 0),
                () -> RedisWatchedScripts.DELETE.<Long>run(this.calls, deadline, name, this.events.name(key))
                    .thenApply((count) -> count > 0));
    }

    CompletableFuture<Boolean> setIfAbsent(String key, Object value) {
        byte[] name = this.names.name(Objects.requireNonNull(key, "key"));
        byte[] bytes = this.values.encode(Objects.requireNonNull(value, "value"));
        long deadline = this.calls.deadline();
        return this.presence.write(() -> this.calls.submit((commands) -> commands.set(name, bytes, SetArgs.Builder.nx()),
                deadline).thenApply("OK"::equals),
                () -> RedisWatchedScripts.SET_IF_ABSENT.<Long>run(this.calls, deadline, name, bytes, this.events.name(key))
                    .thenApply((set) -> set == 1));
    }

    /**
     * {@code MGET}: one command, so one point in time on a standalone server; on a cluster,
     * Lettuce splits it by hash slot (one point in time per slot).
     */
    CompletableFuture<Map<String, Object>> getAll(Collection<String> keys) {
        List<String> asked = new ArrayList<>(Objects.requireNonNull(keys, "keys"));
        if (asked.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        byte[][] redisNames = asked.stream().map((key) -> this.names.name(Objects.requireNonNull(key, "key")))
            .toArray(byte[][]::new);
        return this.calls.submit((commands) -> commands.mget(redisNames), this.calls.deadline()).thenApply((found) -> {
            Map<String, Object> entries = new LinkedHashMap<>();
            collect(found, entries);
            return Map.copyOf(entries);
        });
    }

    /**
     * {@code MSET}: atomic on a standalone server; on a cluster Lettuce splits it by hash slot
     * (atomic per slot). Like SET, it clears times to live.
     */
    CompletableFuture<Void> setAll(Map<String, ?> entries) {
        Objects.requireNonNull(entries, "entries");
        if (entries.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Map<byte[], byte[]> encoded = new LinkedHashMap<>();
        List<byte[]> channels = new ArrayList<>();
        entries.forEach((key, value) -> {
            encoded.put(this.names.name(Objects.requireNonNull(key, "key")),
                    this.values.encode(Objects.requireNonNull(value, "value")));
            channels.add(this.events.name(key));
        });
        long deadline = this.calls.deadline();
        return this.presence.write(() -> this.calls.submit((commands) -> commands.mset(encoded), deadline)
            .thenApply((ok) -> null), () -> watchedSetAll(encoded, channels, deadline));
    }

    /**
     * One script for all keys on a standalone server (one step, as MSET); on a cluster one per
     * key, so atomic per key only while watched.
     */
    private CompletableFuture<Void> watchedSetAll(Map<byte[], byte[]> encoded, List<byte[]> channels, long deadline) {
        byte[][] keys = encoded.keySet().toArray(new byte[0][]);
        byte[][] bytes = encoded.values().toArray(new byte[0][]);
        if (!this.cluster) {
            byte[][] args = new byte[keys.length * 2][];
            System.arraycopy(bytes, 0, args, 0, keys.length);
            for (int i = 0; i < keys.length; i++) {
                args[keys.length + i] = channels.get(i);
            }
            return RedisWatchedScripts.SET_ALL.<Long>runOnKeys(this.calls, deadline, keys, args).thenApply((n) -> null);
        }
        CompletableFuture<?>[] each = new CompletableFuture<?>[keys.length];
        for (int i = 0; i < keys.length; i++) {
            each[i] = RedisWatchedScripts.SET.run(this.calls, deadline, keys[i], bytes[i], ascii("0"), channels.get(i));
        }
        return CompletableFuture.allOf(each);
    }

    /**
     * Compares by value, atomically: the script swaps only on exactly the expected bytes; when
     * the key holds other bytes that decode to an equal value (a map in another order, say), it
     * tries again on those bytes, so the swap is still decided by Redis in one step.
     */
    CompletableFuture<Boolean> compareAndSet(String key, Object expected, Object update) {
        byte[] name = this.names.name(Objects.requireNonNull(key, "key"));
        byte[] wanted = this.values.encode(Objects.requireNonNull(expected, "expected"));
        byte[] replacement = this.values.encode(Objects.requireNonNull(update, "update"));
        return compareAndSet(name, wanted, replacement, this.events.name(key), this.calls.deadline());
    }

    private CompletableFuture<Boolean> compareAndSet(byte[] name, byte[] wanted, byte[] replacement, byte[] channel,
            long deadline) {
        return writeWithScript(RedisScript.COMPARE_AND_SET, deadline,
                () -> RedisScript.COMPARE_AND_SET.<List<Object>>runLoaded(this.calls, deadline, name, wanted, replacement),
                () -> RedisWatchedScripts.COMPARE_AND_SET.<List<Object>>run(this.calls, deadline, name, wanted,
                        replacement, channel))
            .thenCompose((reply) -> {
                long outcome = (Long) reply.get(0);
                if (outcome != 2) {
                    return CompletableFuture.completedFuture(outcome == 1);
                }
                byte[] current = (byte[]) reply.get(1);
                if (!this.values.sameValue(current, wanted)) {
                    return CompletableFuture.completedFuture(false);
                }
                return compareAndSet(name, current, replacement, channel, deadline);
            });
    }

    CompletableFuture<Long> increment(String key, long delta) {
        Objects.requireNonNull(key, "key");
        byte[] name = this.names.name(key);
        long deadline = this.calls.deadline();
        byte[] by = ascii(Long.toString(delta));
        byte[] channel = this.events.name(key);
        return this.presence.write(() -> plainIncrement(name, by, delta, key, deadline),
                () -> RedisWatchedScripts.INCREMENT.<byte[]>run(this.calls, deadline, name, by, channel)
                    .thenApply((sum) -> Long.parseLong(new String(sum, StandardCharsets.US_ASCII)))
                    .exceptionallyCompose((failure) -> CompletableFuture.failedFuture(
                            notAnInteger(this.calls.translate(failure), key, delta))));
    }

    private CompletableFuture<Long> plainIncrement(byte[] name, byte[] by, long delta, String key, long deadline) {
        byte[] channel = this.events.name(key);
        return this.calls.submit((commands) -> commands.incrby(name, delta), deadline)
            .exceptionallyCompose((failure) -> {
                RuntimeException cause = this.calls.translate(failure);
                if (!(cause instanceof RedisCalls.RedisErrorReply reply) || !reply.mentions("not an integer")) {
                    return CompletableFuture.failedFuture(notAnInteger(cause, key, delta));
                }
                // A Byte, Short or Integer in the binary form, or not an integer at all: the script
                // decides, watched if a process started watching meanwhile.
                return writeWithScript(RedisScript.INCREMENT_BINARY, deadline,
                        () -> RedisScript.INCREMENT_BINARY.<byte[]>runLoaded(this.calls, deadline, name, by),
                        () -> RedisWatchedScripts.INCREMENT.<byte[]>run(this.calls, deadline, name, by, channel))
                    .thenApply((sum) -> Long.parseLong(new String(sum, StandardCharsets.US_ASCII)))
                    .exceptionallyCompose((again) -> CompletableFuture.failedFuture(
                            notAnInteger(this.calls.translate(again), key, delta)));
            });
    }

    /**
     * Every key behind the prefix and its value. Redis has no point-in-time copy: SCAN returns
     * every key that exists throughout the scan, and each value is read by MGET at some moment
     * during it; a key deleted meanwhile is left out. Each page's MGET is sent as soon as the
     * page arrives, while the next SCAN page is on its way.
     */
    CompletableFuture<Map<String, Object>> getAll() {
        // Appended to by the SCAN chain only, one page after another.
        List<CompletableFuture<List<KeyValue<byte[], byte[]>>>> batches = new ArrayList<>();
        return scan(this.names.pattern("*"), (page) -> {
            if (!page.isEmpty()) {
                byte[][] batch = page.toArray(new byte[0][]);
                batches.add(this.calls.submit((commands) -> commands.mget(batch), this.calls.deadline()));
            }
        }, ScanCursor.INITIAL)
            .thenCompose((done) -> CompletableFuture.allOf(batches.toArray(new CompletableFuture<?>[0])))
            .thenApply((done) -> {
                Map<String, Object> entries = new HashMap<>();
                batches.forEach((batch) -> collect(batch.join(), entries));
                return Map.copyOf(entries);
            });
    }

    CompletableFuture<Set<String>> keys(String globPattern) {
        GlobPattern glob = GlobPattern.compile(Objects.requireNonNull(globPattern, "globPattern"));
        Set<String> matches = new HashSet<>();
        return scan(this.names.pattern(globPattern), (page) -> {
            for (byte[] name : page) {
                String key = this.names.strip(name);
                if (RedisNames.matches(glob, key)) {
                    matches.add(key);
                }
            }
        }, ScanCursor.INITIAL).thenApply((done) -> Set.copyOf(matches));
    }

    private void collect(List<KeyValue<byte[], byte[]>> found, Map<String, Object> into) {
        for (KeyValue<byte[], byte[]> entry : found) {
            String key = this.names.strip(entry.getKey());
            if (entry.hasValue() && key != null) {
                into.put(key, this.values.decode(entry.getValue()));
            }
        }
    }

    /**
     * Runs SCAN to its end (on a cluster, over every master), one page after another, each page
     * bounded by a deadline of its own.
     */
    private CompletableFuture<Void> scan(byte[] pattern, Consumer<List<byte[]>> each, ScanCursor cursor) {
        ScanArgs args = ScanArgs.Builder.matches(pattern).limit(BATCH);
        return this.calls.<KeyScanCursor<byte[]>>submit((commands) -> commands.scan(cursor, args),
                this.calls.deadline())
            .thenCompose((page) -> {
                each.accept(page.getKeys());
                return page.isFinished() ? CompletableFuture.completedFuture(null) : scan(pattern, each, page);
            });
    }

    /**
     * A write whose plain form is a script: if Redis does not know the script yet, it is loaded
     * and the write decided again, plain or watched (sending the plain script's text later, out
     * of the presence's lock, could apply it unannounced after a watch started).
     */
    private <T> CompletableFuture<T> writeWithScript(RedisScript plainScript, long deadline,
            Supplier<CompletableFuture<T>> plain, Supplier<CompletableFuture<T>> watched) {
        return this.presence.write(plain, watched).exceptionallyCompose((failure) -> {
            if (!RedisScript.isNoScript(this.calls, failure)) {
                return CompletableFuture.failedFuture(failure);
            }
            return plainScript.load(this.calls, deadline).thenCompose((loaded) -> this.presence.write(plain, watched));
        });
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static RuntimeException notAnInteger(RuntimeException cause, String key, long delta) {
        if (cause instanceof RedisCalls.RedisErrorReply reply) {
            if (reply.mentions("overflow")) {
                return new NotAnIntegerException("Cannot increment key '" + key + "' by " + delta + ": long overflow");
            }
            if (reply.mentions("NOTINT") || reply.mentions("not an integer")) {
                return new NotAnIntegerException("Cannot increment key '" + key + "': its value is not an integer");
            }
        }
        return cause;
    }
}
