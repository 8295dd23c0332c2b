package io.sharedmemory.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.ScriptOutputType;

/**
 * A Lua script that touches one key (so it runs on Redis Cluster too; {@link #runOnKeys} is for
 * a standalone server only), sent by its SHA-1 with
 * {@code EVALSHA} and by its text only when Redis answers {@code NOSCRIPT} (a new server, or
 * after {@code SCRIPT FLUSH}).
 */
final class RedisScript {

    /**
     * Replaces the value if it is exactly {@code ARGV[1]}; the update has no time to live, as a
     * set. Returns {0} if the key is absent, {1} if replaced, {2, current} otherwise, so the caller
     * can compare {@code current} by value and try again with it.
     */
    static final RedisScript COMPARE_AND_SET = new RedisScript("""
            local current = redis.call('GET', KEYS[1])
            if not current then return {0} end
            if current == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2])
              return {1}
            end
            return {2, current}
            """, ScriptOutputType.MULTI);

    /**
     * A Lua function {@code increment(key, delta)}: {@code INCRBY} on integer text, and on a Byte,
     * Short or Integer kept in the binary form (tags 3, 4, 5 of docs/PROTOCOL.md), which INCRBY
     * cannot read, first rewritten as integer text keeping its time to live; if INCRBY fails
     * (overflow) the old value is put back. Returns the new value as its text (Lua numbers are
     * doubles, which cannot carry every long) and the old value, or nil, the old value and the
     * error reply. Written once for every script that increments.
     */
    static final String LUA_INCREMENT = """
            local function increment(key, delta)
              local v = redis.call('GET', key)
              local rewritten = false
              if v and not string.find(v, '^%-?%d+$') then
                local tag, n = string.byte(v, 1), nil
                if tag == 3 and #v == 2 then
                  n = string.byte(v, 2)
                  if n >= 128 then n = n - 256 end
                elseif tag == 4 and #v == 3 then
                  n = string.byte(v, 2) * 256 + string.byte(v, 3)
                  if n >= 32768 then n = n - 65536 end
                elseif tag == 5 and #v == 5 then
                  n = ((string.byte(v, 2) * 256 + string.byte(v, 3)) * 256 + string.byte(v, 4)) * 256 + string.byte(v, 5)
                  if n >= 2147483648 then n = n - 4294967296 end
                else
                  return nil, v, redis.error_reply('NOTINT the value is not an integer')
                end
                redis.call('SET', key, string.format('%d', n), 'KEEPTTL')
                rewritten = true
              end
              local result = redis.pcall('INCRBY', key, delta)
              if type(result) == 'table' and result.err then
                if rewritten then redis.call('SET', key, v, 'KEEPTTL') end
                return nil, v, result
              end
              return redis.call('GET', key), v
            end
            """;

    /** Increments by {@code ARGV[1]} as {@link #LUA_INCREMENT} does; returns the new value as text. */
    static final RedisScript INCREMENT_BINARY = new RedisScript(LUA_INCREMENT + """
            local new, old, failure = increment(KEYS[1], ARGV[1])
            if failure then return failure end
            return new
            """, ScriptOutputType.VALUE);

    private final String source;

    private final String sha1;

    private final ScriptOutputType output;

    RedisScript(String source, ScriptOutputType output) {
        this.source = source;
        this.sha1 = sha1Hex(source);
        this.output = output;
    }

    /** Runs the script on one key, loading it first if Redis does not know it. */
    <T> CompletableFuture<T> run(RedisCalls calls, long deadline, byte[] key, byte[]... args) {
        byte[][] keys = { key };
        return runOnKeys(calls, deadline, keys, args);
    }

    /** Runs the script on several keys (which on a cluster must share a hash slot). */
    <T> CompletableFuture<T> runOnKeys(RedisCalls calls, long deadline, byte[][] keys, byte[]... args) {
        return calls.<T>submit((commands) -> commands.evalsha(this.sha1, this.output, keys, args), deadline)
            .exceptionallyCompose((failure) -> {
                if (isNoScript(calls, failure)) {
                    return calls.submit((commands) -> commands.eval(this.source.getBytes(StandardCharsets.UTF_8),
                            this.output, keys, args), deadline);
                }
                return CompletableFuture.failedFuture(failure);
            });
    }

    /**
     * Runs the script by its SHA-1 only, failing with {@code NOSCRIPT} if Redis does not know it:
     * for a plain write, whose sending by its text later could come after a watch started, so the
     * caller {@link #load loads} it and decides again how to write.
     */
    <T> CompletableFuture<T> runLoaded(RedisCalls calls, long deadline, byte[] key, byte[]... args) {
        byte[][] keys = { key };
        return calls.submit((commands) -> commands.evalsha(this.sha1, this.output, keys, args), deadline);
    }

    /** Makes Redis know the script ({@code SCRIPT LOAD}). */
    CompletableFuture<String> load(RedisCalls calls, long deadline) {
        return calls.submit((commands) -> commands.scriptLoad(this.source.getBytes(StandardCharsets.UTF_8)), deadline);
    }

    /** Tells whether a call failed because Redis does not know the script. */
    static boolean isNoScript(RedisCalls calls, Throwable failure) {
        return calls.translate(failure) instanceof RedisCalls.RedisErrorReply reply && reply.startsWith("NOSCRIPT");
    }

    private static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", ex);
        }
    }
}
