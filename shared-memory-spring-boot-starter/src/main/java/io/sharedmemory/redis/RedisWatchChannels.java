package io.sharedmemory.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Redis names that carry key-change events, outside the store's own key and channel space
 * (they do not start with the key prefix, so {@code keys}, {@code getAll} and the application's
 * pattern subscriptions never see them):
 * <ul>
 * <li>{@code __shared-memory__:<prefix>event:<key>}: the channel a watched write publishes its
 * {@link RedisKeyEventFrame} on, one per key, so Redis sends a process only the events of the
 * patterns it watches;</li>
 * <li>{@code __shared-memory__:<prefix>control}: the channel of the watch handshake
 * ({@link RedisWatchControl});</li>
 * <li>{@code __shared-memory__:<prefix>watchers}: a Redis sorted set of the registrations (by the end of their lease) of the
 * processes that watch now, read by a process when it (re)connects;</li>
 * <li>{@code __keyevent@<db>__:expired}: Redis's own notification of expired keys.</li>
 * </ul>
 */
final class RedisWatchChannels {

    /** Starts every name of this class except Redis's own expiry channel. */
    static final String INTERNAL = "__shared-memory__:";

    private final byte[] internal;

    private final RedisNames events;

    private final byte[] control;

    private final byte[] registry;

    private final byte[] expired;

    RedisWatchChannels(String keyPrefix, int database) {
        String base = INTERNAL + keyPrefix;
        this.internal = base.getBytes(StandardCharsets.UTF_8);
        this.events = new RedisNames(base + "event:");
        this.control = (base + "control").getBytes(StandardCharsets.UTF_8);
        this.registry = (base + "watchers").getBytes(StandardCharsets.UTF_8);
        this.expired = ("__keyevent@" + database + "__:expired").getBytes(StandardCharsets.UTF_8);
    }

    /** The event channels: {@code name(key)}, {@code pattern(glob)}, {@code strip(channel)}. */
    RedisNames events() {
        return this.events;
    }

    byte[] control() {
        return this.control;
    }

    byte[] registry() {
        return this.registry;
    }

    byte[] expired() {
        return this.expired;
    }

    boolean isControl(byte[] channel) {
        return Arrays.equals(channel, this.control);
    }

    boolean isExpired(byte[] channel) {
        return Arrays.equals(channel, this.expired);
    }

    /**
     * Tells whether a channel is one of these, so that no application listener is handed it
     * (with an empty key prefix an application pattern such as {@code *} matches them too).
     */
    boolean isInternal(byte[] channel) {
        return isExpired(channel) || startsWith(channel, this.internal);
    }

    private static boolean startsWith(byte[] bytes, byte[] start) {
        return bytes.length >= start.length && Arrays.equals(bytes, 0, start.length, start, 0, start.length);
    }
}
