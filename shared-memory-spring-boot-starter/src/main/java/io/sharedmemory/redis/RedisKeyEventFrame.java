package io.sharedmemory.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.sharedmemory.core.KeyEvent;
import io.sharedmemory.core.SharedMemoryCodecException;

/**
 * The payload a watched write publishes on the key's event channel, built by the Lua scripts of
 * {@link RedisWatchedScripts} in the step that applies the write:
 * <pre>
 * type   one byte: 'S' (SET) or 'D' (DELETE)
 * old    the old value's length in ASCII digits, or '-' when the key was absent; then ':'
 *        and the old value's bytes as stored
 * new    the rest: the new value's bytes as stored (empty for DELETE)
 * </pre>
 * Values are as Redis holds them ({@link RedisValues}: integer text or the binary form), so a
 * frame is decoded with the same rules as a {@code get}. An EXPIRE has no frame: it comes from
 * Redis's own expiry notification, which names the key only.
 *
 * @param type what happened
 * @param oldValue the old value as stored, or {@code null} if the key was absent
 * @param newValue the new value as stored, or {@code null} for a delete
 */
record RedisKeyEventFrame(KeyEvent.Type type, byte[] oldValue, byte[] newValue) {

    /** The Lua function that builds a frame; every watched script starts with it. */
    static final String LUA_FRAME = """
            local function frame(t, old, new)
              if old then return t .. #old .. ':' .. old .. (new or '') end
              return t .. '-:' .. (new or '')
            end
            """;

    /**
     * Reads a frame.
     * @throws SharedMemoryCodecException if it is malformed
     */
    static RedisKeyEventFrame decode(byte[] frame) {
        if (frame.length < 3 || (frame[0] != 'S' && frame[0] != 'D')) {
            throw new SharedMemoryCodecException("Malformed key-change event: no type");
        }
        KeyEvent.Type type = (frame[0] == 'S') ? KeyEvent.Type.SET : KeyEvent.Type.DELETE;
        int colon = 1;
        while (colon < frame.length && frame[colon] != ':') {
            colon++;
        }
        if (colon == frame.length) {
            throw new SharedMemoryCodecException("Malformed key-change event: no ':'");
        }
        String length = new String(frame, 1, colon - 1, StandardCharsets.US_ASCII);
        int start = colon + 1;
        byte[] old = null;
        if (!length.equals("-")) {
            int size = parseLength(length, frame.length - start);
            old = Arrays.copyOfRange(frame, start, start + size);
            start += size;
        }
        byte[] updated = (type == KeyEvent.Type.SET) ? Arrays.copyOfRange(frame, start, frame.length) : null;
        return new RedisKeyEventFrame(type, old, updated);
    }

    private static int parseLength(String digits, int available) {
        try {
            int size = Integer.parseInt(digits);
            if (size < 0 || size > available) {
                throw new SharedMemoryCodecException("Malformed key-change event: old value of " + size
                        + " bytes in " + available);
            }
            return size;
        }
        catch (NumberFormatException ex) {
            throw new SharedMemoryCodecException("Malformed key-change event: length '" + digits + "'", ex);
        }
    }
}
