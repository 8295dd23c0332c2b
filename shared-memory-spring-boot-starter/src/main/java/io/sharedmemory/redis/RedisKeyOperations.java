package io.sharedmemory.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.sharedmemory.core.SharedMemoryUnavailableException;
import io.sharedmemory.core.store.GlobPattern;
import io.sharedmemory.core.store.NotAnIntegerException;

/**
 * The key-value operations as Redis commands, each with the semantics of the main role:
 * single commands where Redis has one ({@code SET PX}, {@code SET NX}, {@code INCRBY}), a
 * one-key Lua script where it has not (by-value compare-and-set), and {@code SCAN} (never
 * {@code KEYS}) for listings, which on a cluster visits every master.
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

    void set(String key, Object value, long ttlMillis) {
        byte[] name = this.names.name(Objects.requireNonNull(key, "key"));
        byte[] bytes = this.values.encode(Objects.requireNonNull(value, "value"));
        if (ttlMillis > 0) {
            this.calls.call((commands) -> commands.set(name, bytes, SetArgs.Builder.px(ttlMillis)));
        }
        else {
            this.calls.call((commands) -> commands.set(name, bytes));
        }
    }

    Object get(String key) {
        byte[] name = this.names.name(Objects.requireNonNull(key, "key"));
        byte[] bytes = this.calls.call((commands) -> commands.get(name));
        return (bytes != null) ? this.values.decode(bytes) : null;
    }

    boolean delete(String key) {
        byte[] name = this.names.name(Objects.requireNonNull(key, "key"));
        return this.calls.call((commands) -> commands.del(name)) > 0;
    }

    boolean setIfAbsent(String key, Object value) {
        byte[] name = this.names.name(Objects.requireNonNull(key, "key"));
        byte[] bytes = this.values.encode(Objects.requireNonNull(value, "value"));
        return "OK".equals(this.calls.call((commands) -> commands.set(name, bytes, SetArgs.Builder.nx())));
    }

    /**
     * Compares by value, atomically: the script swaps only on exactly the expected bytes; when
     * the key holds other bytes that decode to an equal value (a map in another order, say), it
     * tries again on those bytes, so the swap is still decided by Redis in one step.
     */
    boolean compareAndSet(String key, Object expected, Object update) {
        byte[] name = this.names.name(Objects.requireNonNull(key, "key"));
        byte[] wanted = this.values.encode(Objects.requireNonNull(expected, "expected"));
        byte[] replacement = this.values.encode(Objects.requireNonNull(update, "update"));
        long deadline = this.calls.deadline();
        while (true) {
            List<Object> reply = RedisScript.COMPARE_AND_SET.run(this.calls, deadline, name, wanted, replacement);
            long outcome = (Long) reply.get(0);
            if (outcome != 2) {
                return outcome == 1;
            }
            byte[] current = (byte[]) reply.get(1);
            if (!this.values.sameValue(current, wanted)) {
                return false;
            }
            wanted = current;
        }
    }

    long increment(String key, long delta) {
        Objects.requireNonNull(key, "key");
        byte[] name = this.names.name(key);
        try {
            return this.calls.call((commands) -> commands.incrby(name, delta));
        }
        catch (RedisCalls.RedisErrorReply ex) {
            if (isOverflow(ex)) {
                throw overflow(key, delta);
            }
            if (!ex.getMessage().contains("not an integer")) {
                throw ex;
            }
        }
        // A Byte, Short or Integer in the binary form, or not an integer at all: the script decides.
        try {
            byte[] sum = RedisScript.INCREMENT_BINARY.run(this.calls, this.calls.deadline(), name,
                    Long.toString(delta).getBytes(StandardCharsets.US_ASCII));
            return Long.parseLong(new String(sum, StandardCharsets.US_ASCII));
        }
        catch (RedisCalls.RedisErrorReply ex) {
            if (isOverflow(ex)) {
                throw overflow(key, delta);
            }
            if (ex.getMessage().contains("NOTINT") || ex.getMessage().contains("not an integer")) {
                throw new NotAnIntegerException("Cannot increment key '" + key + "': its value is not an integer");
            }
            throw ex;
        }
    }

    /**
     * Every key behind the prefix and its value. Redis has no point-in-time copy: SCAN returns
     * every key that exists throughout the scan, and each value is read by MGET at some moment
     * during it; a key deleted meanwhile is left out.
     */
    Map<String, Object> getAll() {
        long deadline = this.calls.deadline();
        Map<String, Object> entries = new HashMap<>();
        List<byte[]> batch = new ArrayList<>(BATCH);
        scan(this.names.pattern("*"), deadline, (name) -> {
            batch.add(name);
            if (batch.size() == BATCH) {
                fetch(batch, deadline, entries);
            }
        });
        fetch(batch, deadline, entries);
        return Map.copyOf(entries);
    }

    Set<String> keys(String globPattern) {
        GlobPattern glob = GlobPattern.compile(Objects.requireNonNull(globPattern, "globPattern"));
        Set<String> matches = new HashSet<>();
        scan(this.names.pattern(globPattern), this.calls.deadline(), (name) -> {
            String key = this.names.strip(name);
            if (RedisNames.matches(glob, key)) {
                matches.add(key);
            }
        });
        return Set.copyOf(matches);
    }

    private void fetch(List<byte[]> batch, long deadline, Map<String, Object> into) {
        if (batch.isEmpty()) {
            return;
        }
        byte[][] names = batch.toArray(new byte[0][]);
        batch.clear();
        List<KeyValue<byte[], byte[]>> found = this.calls.await(this.calls.commands().mget(names), deadline);
        for (KeyValue<byte[], byte[]> entry : found) {
            String key = this.names.strip(entry.getKey());
            if (entry.hasValue() && key != null) {
                into.put(key, this.values.decode(entry.getValue()));
            }
        }
    }

    /** Runs SCAN to its end (on a cluster, over every master), all within one deadline. */
    private void scan(byte[] pattern, long deadline, Consumer<byte[]> each) {
        ScanArgs args = ScanArgs.Builder.matches(pattern).limit(BATCH);
        ScanCursor cursor = ScanCursor.INITIAL;
        while (true) {
            KeyScanCursor<byte[]> page = this.calls.await(this.calls.commands().scan(cursor, args), deadline);
            page.getKeys().forEach(each);
            if (page.isFinished()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new SharedMemoryUnavailableException("SCAN did not finish within the request timeout");
            }
            cursor = page;
        }
    }

    private static boolean isOverflow(RedisCalls.RedisErrorReply ex) {
        return ex.getMessage().contains("overflow");
    }

    private static NotAnIntegerException overflow(String key, long delta) {
        return new NotAnIntegerException("Cannot increment key '" + key + "' by " + delta + ": long overflow");
    }
}
