package io.sharedmemory.redis;

import java.nio.charset.StandardCharsets;

/**
 * A message of the watch handshake on the control channel ({@link RedisWatchChannels#control()}),
 * as ASCII text {@code "<kind> <token>"}; a token names one registration of one process (a new
 * random one each time the process starts watching or re-registers after a reconnect).
 * <ul>
 * <li>{@code W}: the registration starts. Every process that receives it switches its writes to
 * the watched scripts, then answers {@code A} on its command connection, after every plain write
 * it had issued, so once the watcher has as many answers as Redis counted receivers, no plain
 * write can be applied any more.</li>
 * <li>{@code U}: the registration ended; processes that know of no other go back to plain writes.</li>
 * <li>{@code A}: a process switched; only the watcher that owns the token counts it.</li>
 * </ul>
 *
 * @param kind {@code 'W'}, {@code 'U'} or {@code 'A'}
 * @param token the registration
 */
record RedisWatchControl(char kind, String token) {

    static RedisWatchControl watching(String token) {
        return new RedisWatchControl('W', token);
    }

    static RedisWatchControl unwatched(String token) {
        return new RedisWatchControl('U', token);
    }

    static RedisWatchControl ack(String token) {
        return new RedisWatchControl('A', token);
    }

    /**
     * Reads a message.
     * @return the message, or {@code null} if it is not one (nothing else should publish there)
     */
    static RedisWatchControl decode(byte[] message) {
        String text = new String(message, StandardCharsets.US_ASCII);
        if (text.length() < 3 || text.charAt(1) != ' ' || "WUA".indexOf(text.charAt(0)) < 0) {
            return null;
        }
        return new RedisWatchControl(text.charAt(0), text.substring(2));
    }

    byte[] encode() {
        return (this.kind + " " + this.token).getBytes(StandardCharsets.US_ASCII);
    }
}
