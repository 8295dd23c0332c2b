package io.sharedmemory.redis;

import io.lettuce.core.ScriptOutputType;

/**
 * The writes as Lua scripts that apply the change and publish its {@link RedisKeyEventFrame} in
 * one step (Redis runs a script alone), used while some process watches: no other write can come
 * between reading the old value and applying the new one, and the event is published in the
 * order Redis applied the changes. The last argument of each is the key's event channel
 * ({@link RedisWatchChannels#events()}). Each has the semantics of the plain command it replaces.
 */
final class RedisWatchedScripts {

    /** {@code SET} (with {@code PX} when {@code ARGV[2]} is over 0); {@code ARGV[1]} the value. */
    static final RedisScript SET = new RedisScript(RedisKeyEventFrame.LUA_FRAME + """
            local old = redis.call('GET', KEYS[1])
            if tonumber(ARGV[2]) > 0 then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            else
              redis.call('SET', KEYS[1], ARGV[1])
            end
            redis.call('PUBLISH', ARGV[3], frame('S', old, ARGV[1]))
            return 1
            """, ScriptOutputType.INTEGER);

    /**
     * {@code MSET} on a standalone server: {@code KEYS[i]} gets {@code ARGV[i]}, its channel is
     * {@code ARGV[#KEYS + i]}; one step for all, as MSET.
     */
    static final RedisScript SET_ALL = new RedisScript(RedisKeyEventFrame.LUA_FRAME + """
            local n = #KEYS
            for i = 1, n do
              local old = redis.call('GET', KEYS[i])
              redis.call('SET', KEYS[i], ARGV[i])
              redis.call('PUBLISH', ARGV[n + i], frame('S', old, ARGV[i]))
            end
            return n
            """, ScriptOutputType.INTEGER);

    /** {@code SET NX}: 1 if set. */
    static final RedisScript SET_IF_ABSENT = new RedisScript(RedisKeyEventFrame.LUA_FRAME + """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('SET', KEYS[1], ARGV[1])
            redis.call('PUBLISH', ARGV[2], frame('S', false, ARGV[1]))
            return 1
            """, ScriptOutputType.INTEGER);

    /** {@code DEL}: 1 if the key was present. */
    static final RedisScript DELETE = new RedisScript(RedisKeyEventFrame.LUA_FRAME + """
            local old = redis.call('GET', KEYS[1])
            if not old then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('PUBLISH', ARGV[1], frame('D', old, nil))
            return 1
            """, ScriptOutputType.INTEGER);

    /** {@link RedisScript#COMPARE_AND_SET}, publishing when it swaps; {@code ARGV[3]} the channel. */
    static final RedisScript COMPARE_AND_SET = new RedisScript(RedisKeyEventFrame.LUA_FRAME + """
            local current = redis.call('GET', KEYS[1])
            if not current then return {0} end
            if current == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2])
              redis.call('PUBLISH', ARGV[3], frame('S', current, ARGV[2]))
              return {1}
            end
            return {2, current}
            """, ScriptOutputType.MULTI);

    /**
     * {@code INCRBY} by {@code ARGV[1]}, also on a Byte, Short or Integer in the binary form as
     * {@link RedisScript#INCREMENT_BINARY} does; {@code ARGV[2]} the channel. Returns the new
     * value as text; fails as INCRBY does, changing nothing.
     */
    static final RedisScript INCREMENT = new RedisScript(RedisKeyEventFrame.LUA_FRAME + RedisScript.LUA_INCREMENT + """
            local new, v, failure = increment(KEYS[1], ARGV[1])
            if failure then return failure end
            redis.call('PUBLISH', ARGV[2], frame('S', v, new))
            return new
            """, ScriptOutputType.VALUE);

    /** Redis's clock in milliseconds, for the leases of registrations (scripts replicate by effects). */
    private static final String LUA_NOW = """
            local clock = redis.call('TIME')
            local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
            """;

    /**
     * Starts a registration: drops the process's earlier ones ({@code ARGV[1]}, space-separated,
     * maybe empty) from the watchers {@code KEYS[1]} (a sorted set by lease end, in Redis's
     * clock) and tells so, drops lapsed leases, adds the new one ({@code ARGV[2]}) for
     * {@code ARGV[4]} ms and publishes {@code W} on the control channel {@code ARGV[3]}. Returns
     * how many subscribers received the {@code W}, each of which answers once.
     */
    static final RedisScript REGISTER = new RedisScript(LUA_NOW + """
            for token in string.gmatch(ARGV[1], '%S+') do
              redis.call('ZREM', KEYS[1], token)
              redis.call('PUBLISH', ARGV[3], 'U ' .. token)
            end
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[2])
            return redis.call('PUBLISH', ARGV[3], 'W ' .. ARGV[2] .. ' ' .. ARGV[4])
            """, ScriptOutputType.INTEGER);

    /** Renews registration {@code ARGV[1]} for {@code ARGV[3]} ms and publishes {@code R} on {@code ARGV[2]}. */
    static final RedisScript RENEW = new RedisScript(LUA_NOW + """
            redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
            return redis.call('PUBLISH', ARGV[2], 'R ' .. ARGV[1] .. ' ' .. ARGV[3])
            """, ScriptOutputType.INTEGER);

    /**
     * The registrations whose lease holds, after dropping lapsed ones: token, then the
     * milliseconds its lease has left, for each.
     */
    static final RedisScript WATCHERS = new RedisScript(LUA_NOW + """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            local entries = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
            local out = {}
            for i = 1, #entries, 2 do
              out[#out + 1] = entries[i]
              out[#out + 1] = string.format('%d', tonumber(entries[i + 1]) - now)
            end
            return out
            """, ScriptOutputType.MULTI);

    /** Ends registrations ({@code ARGV[1]}, space-separated): removes them from {@code KEYS[1]}, publishes {@code U}. */
    static final RedisScript UNREGISTER = new RedisScript("""
            for token in string.gmatch(ARGV[1], '%S+') do
              redis.call('ZREM', KEYS[1], token)
              redis.call('PUBLISH', ARGV[2], 'U ' .. token)
            end
            return 1
            """, ScriptOutputType.INTEGER);

    private RedisWatchedScripts() {
    }
}
