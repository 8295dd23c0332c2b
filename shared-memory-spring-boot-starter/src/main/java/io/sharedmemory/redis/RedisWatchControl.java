package io.sharedmemory.redis;

import java.nio.charset.StandardCharsets;

/**
 * A message of the watch handshake on the control channel ({@link RedisWatchChannels#control()}),
 * as ASCII text {@code "<kind> <token>"}, followed by {@code " <lease-millis>"} for {@code W} and
 * {@code R}; a token names one registration of one process (a new random one each time the
 * process starts watching or registers again after a reconnect).
 * <ul>
 * <li>{@code W}: the registration starts. Every process that receives it switches its writes to
 * the watched scripts, then answers {@code A} on its command connection, after every plain write
 * it had issued, so once the watcher has as many answers as Redis counted receivers, no plain
 * write can be applied any more.</li>
 * <li>{@code R}: the watcher is still there (sent every third of its lease); a registration not
 * renewed within its lease is dropped, so a process killed while watching does not keep every
 * write on the scripts forever.</li>
 * <li>{@code U}: the registration ended; processes that know of no other go back to plain writes.</li>
 * <li>{@code A}: a process switched; only the watcher that owns the token counts it.</li>
 * </ul>
 *
 * @param kind {@code 'W'}, {@code 'R'}, {@code 'U'} or {@code 'A'}
 * @param token the registration
 * @param leaseMillis how long the registration holds without renewal ({@code W}, {@code R}), else 0
 */
record RedisWatchControl(char kind, String token, long leaseMillis) {

    static RedisWatchControl ack(String token) {
        return new RedisWatchControl('A', token, 0);
    }

    /**
     * Reads a message.
     * @return the message, or {@code null} if it is not one (nothing else should publish there)
     */
    static RedisWatchControl decode(byte[] message) {
        String[] words = new String(message, StandardCharsets.US_ASCII).split(" ");
        if (words.length < 2 || words[0].length() != 1 || "WRUA".indexOf(words[0].charAt(0)) < 0) {
            return null;
        }
        char kind = words[0].charAt(0);
        boolean leased = kind == 'W' || kind == 'R';
        if (words.length != (leased ? 3 : 2)) {
            return null;
        }
        try {
            return new RedisWatchControl(kind, words[1], leased ? Long.parseLong(words[2]) : 0);
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    byte[] encode() {
        String text = this.kind + " " + this.token + ((this.kind == 'W' || this.kind == 'R') ? " " + this.leaseMillis : "");
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
