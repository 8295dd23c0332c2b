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
 */
final class RedisKeyOperations {

    /** Keys asked for per SCAN page and fetched per MGET: big enough to amortise the round trip. */
    private static final int BATCH = 1000;

    private final RedisNames names;

    private final RedisValues values;

    private final RedisCalls calls;

    RedisKeyOperations(RedisNames names, RedisValues values, RedisCalls calls) {
        this.names = names;
        this.values = values;
        this.calls = calls;
    }

    CompletableFuture<Void> set(String key, Object value, long ttlMillis) {
        byte[] name = this.names.name(Objects.requireNonNull(key, "key"));
        byte[] bytes = this.values.encode(Objects.requireNonNull(value, "value"));
        return this.calls.submit((commands) -> (ttlMillis > 0) ? commands.set(name, bytes, SetArgs.Builder.px(ttlMillis))
                : commands.set(name, bytes), this.calls.deadline()).thenApply((ok) -> null);
    }

    CompletableFuture<Object> get(String key) {
        byte[] name = this.names.name(Objects.requireNonNull(key, "key"));
        return this.calls.submit((commands) -> commands.get(name), this.calls.deadline())
            .thenApply((bytes) -> (bytes != null) ? this.values.decode(bytes) : null);
    }

    CompletableFuture<Boolean> delete(String key) {
        byte[] name = this.names.name(Objects.requireNonNull(key, "key"));
        return this.calls.submit((commands) -> commands.del(name), this.calls.deadline()).thenApply((count) -> count > 0);
    }

    CompletableFuture<Boolean> setIfAbsent(String key, Object value) {
        byte[] name = this.names.name(Objects.requireNonNull(key, "key"));
        byte[] bytes = this.values.encode(Objects.requireNonNull(value, "value"));
        return this.calls.submit((commands) -> commands.set(name, bytes, SetArgs.Builder.nx()), this.calls.deadline())
            .thenApply("OK"::equals);
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
        entries.forEach((key, value) -> encoded.put(this.names.name(Objects.requireNonNull(key, "key")),
                this.values.encode(Objects.requireNonNull(value, "value"))));
        return this.calls.submit((commands) -> commands.mset(encoded), this.calls.deadline()).thenApply((ok) -> null);
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
        return compareAndSet(name, wanted, replacement, this.calls.deadline());
    }

    private CompletableFuture<Boolean> compareAndSet(byte[] name, byte[] wanted, byte[] replacement, long deadline) {
        return RedisScript.COMPARE_AND_SET.<List<Object>>run(this.calls, deadline, name, wanted, replacement)
            .thenCompose((reply) -> {
                long outcome = (Long) reply.get(0);
                if (outcome != 2) {
                    return CompletableFuture.completedFuture(outcome == 1);
                }
                byte[] current = (byte[]) reply.get(1);
                if (!this.values.sameValue(current, wanted)) {
                    return CompletableFuture.completedFuture(false);
                }
                return compareAndSet(name, current, replacement, deadline);
            });
    }

    CompletableFuture<Long> increment(String key, long delta) {
        Objects.requireNonNull(key, "key");
        byte[] name = this.names.name(key);
        long deadline = this.calls.deadline();
        return this.calls.submit((commands) -> commands.incrby(name, delta), deadline)
            .exceptionallyCompose((failure) -> {
                RuntimeException cause = this.calls.translate(failure);
                if (!(cause instanceof RedisCalls.RedisErrorReply reply) || !reply.mentions("not an integer")) {
                    return CompletableFuture.failedFuture(notAnInteger(cause, key, delta));
                }
                // A Byte, Short or Integer in the binary form, or not an integer at all: the script decides.
                return RedisScript.INCREMENT_BINARY.<byte[]>run(this.calls, deadline, name,
                        Long.toString(delta).getBytes(StandardCharsets.US_ASCII))
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
