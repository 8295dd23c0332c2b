package io.sharedmemory.redis;

import java.nio.charset.StandardCharsets;

import io.sharedmemory.core.internal.store.GlobPattern;

/**
 * The Redis names of keys, channels and patterns: the store's name behind the key prefix, as
 * UTF-8 bytes. Globs become Redis patterns that match at least what the glob matches (Redis
 * matches bytes, the glob matches characters); every match is checked again with the glob, so
 * the two roles agree exactly.
 */
final class RedisNames {

    private final String prefix;

    private final byte[] prefixBytes;

    RedisNames(String prefix) {
        this.prefix = prefix;
        this.prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
    }

    String prefix() {
        return this.prefix;
    }

    /** The Redis name of a key or a channel. */
    byte[] name(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] full = new byte[this.prefixBytes.length + bytes.length];
        System.arraycopy(this.prefixBytes, 0, full, 0, this.prefixBytes.length);
        System.arraycopy(bytes, 0, full, this.prefixBytes.length, bytes.length);
        return full;
    }

    /**
     * The store's name behind a Redis name.
     * @return the name, or {@code null} if the Redis name lacks the prefix
     */
    String strip(byte[] redisName) {
        if (redisName.length < this.prefixBytes.length) {
            return null;
        }
        for (int i = 0; i < this.prefixBytes.length; i++) {
            if (redisName[i] != this.prefixBytes[i]) {
                return null;
            }
        }
        return new String(redisName, this.prefixBytes.length, redisName.length - this.prefixBytes.length,
                StandardCharsets.UTF_8);
    }

    /**
     * The Redis pattern (for {@code SCAN MATCH} and {@code PSUBSCRIBE}) of a glob behind the
     * prefix: literal characters are escaped, {@code *} stays, and {@code ?} (one character,
     * up to four UTF-8 bytes) becomes {@code ?*}.
     */
    byte[] pattern(String glob) {
        StringBuilder redis = new StringBuilder(escape(this.prefix));
        int n = glob.length();
        for (int i = 0; i < n; i++) {
            char c = glob.charAt(i);
            if (c == '\\' && i + 1 < n) {
                redis.append(escape(String.valueOf(glob.charAt(++i))));
            }
            else if (c == '*') {
                redis.append('*');
            }
            else if (c == '?') {
                redis.append("?*");
            }
            else {
                redis.append(escape(String.valueOf(c)));
            }
        }
        return redis.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Tells whether a name matches a glob exactly, as the other roles decide it. */
    static boolean matches(GlobPattern glob, String name) {
        return name != null && glob.matches(name);
    }

    private static String escape(String literal) {
        StringBuilder escaped = new StringBuilder(literal.length());
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\' || c == '^' || c == '-') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
