package io.sharedmemory.core.internal.protocol;

import java.util.Arrays;
import java.util.Objects;

import io.sharedmemory.core.KeyEvent;
import io.sharedmemory.core.internal.wire.ErrorCodes;
import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;
import io.sharedmemory.core.internal.wire.ProtocolException;

/**
 * A change of a key this connection watches: {@code u64} sequence, {@code u8} type ({@code 1}
 * SET, {@code 2} DELETE, {@code 3} EXPIRE), {@code str} key, {@code u8} flags (bit 0: old value
 * follows, bit 1: new value follows, bit 2: keys only, no values were asked for), then the
 * {@code blob} old value and the {@code blob} new value where their bits say so.
 *
 * <p>Invariants the reader checks: keys only carries neither value; with values, a SET carries
 * its new value and a DELETE or EXPIRE its old one and never a new one.
 *
 * @param sequence this push's number on its connection: the first is 1, each next one +1, so a
 *        receiver detects a gap
 * @param type what happened
 * @param key the key
 * @param keysOnly whether values were left out because none of the matching watches asked for them
 * @param oldValue the encoded value before, or {@code null} (absent, or keys only)
 * @param newValue the encoded value after, or {@code null} (DELETE, EXPIRE, or keys only)
 */
public record KeyEventPush(long sequence, KeyEvent.Type type, String key, boolean keysOnly, byte[] oldValue,
        byte[] newValue) implements Push {

    /** Its opcode, KEY_EVENT. */
    public static final byte OPCODE = Opcodes.KEY_EVENT;

    private static final int OLD = 0x01;

    private static final int NEW = 0x02;

    private static final int KEYS_ONLY = 0x04;

    /**
     * Checks the invariants.
     * @throws IllegalArgumentException if they do not hold
     */
    public KeyEventPush {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        if (keysOnly ? (oldValue != null || newValue != null)
                : (type == KeyEvent.Type.SET) ? newValue == null : (oldValue == null || newValue != null)) {
            throw new IllegalArgumentException("A " + type + " event " + (keysOnly ? "without" : "with")
                    + " values cannot have old " + (oldValue != null) + ", new " + (newValue != null));
        }
    }

    /**
     * Reads the fields that follow the opcode.
     * @param body the frame, positioned at the first field
     * @return the push
     * @throws ProtocolException if a field is malformed or the invariants do not hold
     */
    public static KeyEventPush read(FrameBody body) {
        long sequence = body.int64();
        int code = body.u8();
        if (code < 1 || code > 3) {
            throw new ProtocolException(ErrorCodes.PROTOCOL_ERROR, "Unknown key event type " + code);
        }
        String key = body.string();
        int flags = body.u8();
        if ((flags & ~(OLD | NEW | KEYS_ONLY)) != 0) {
            throw new ProtocolException(ErrorCodes.PROTOCOL_ERROR, "Unknown key event flags " + flags);
        }
        byte[] oldValue = ((flags & OLD) != 0) ? body.blob() : null;
        byte[] newValue = ((flags & NEW) != 0) ? body.blob() : null;
        body.end();
        try {
            return new KeyEventPush(sequence, KeyEvent.Type.values()[code - 1], key, (flags & KEYS_ONLY) != 0,
                    oldValue, newValue);
        }
        catch (IllegalArgumentException ex) {
            throw new ProtocolException(ErrorCodes.PROTOCOL_ERROR, ex.getMessage());
        }
    }

    @Override
    public byte opcode() {
        return OPCODE;
    }

    @Override
    public void writeFields(FrameEncoder out) {
        out.putLong(this.sequence);
        out.putU8(this.type.ordinal() + 1);
        out.putString(this.key);
        out.putU8((this.oldValue != null ? OLD : 0) | (this.newValue != null ? NEW : 0) | (this.keysOnly ? KEYS_ONLY : 0));
        if (this.oldValue != null) {
            out.putBytes(this.oldValue);
        }
        if (this.newValue != null) {
            out.putBytes(this.newValue);
        }
    }

    /** Equal when every field is, the bytes compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof KeyEventPush other
                && this.sequence == other.sequence
                && this.type == other.type
                && this.key.equals(other.key)
                && this.keysOnly == other.keysOnly
                && Arrays.equals(this.oldValue, other.oldValue)
                && Arrays.equals(this.newValue, other.newValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.sequence, this.type, this.key, this.keysOnly)
                + 31 * Arrays.hashCode(this.oldValue) + Arrays.hashCode(this.newValue);
    }

    @Override
    public String toString() {
        return "KeyEventPush[sequence=" + this.sequence + ", type=" + this.type + ", key=" + this.key
                + (this.keysOnly ? ", keys only" : ", old=" + size(this.oldValue) + ", new=" + size(this.newValue))
                + "]";
    }

    private static String size(byte[] value) {
        return (value != null) ? value.length + " bytes" : "absent";
    }
}
