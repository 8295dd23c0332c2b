package io.sharedmemory.core.internal.codec;

import java.nio.charset.StandardCharsets;

import io.sharedmemory.core.SharedMemoryCodecException;

/**
 * A bounds-checked cursor over an encoded value. Every read checks the remaining bytes
 * first, so malformed input fails with a {@link SharedMemoryCodecException} and a declared
 * length never causes an allocation larger than the input itself.
 */
class ByteInput {

    final byte[] b;
    int pos;
    final int end;

    ByteInput(byte[] b) {
        this.b = b;
        this.end = b.length;
    }

    final int u8() {
        need(1);
        return b[pos++] & 0xFF;
    }

    final short i16() {
        need(2);
        short v = (short) ((b[pos] & 0xFF) << 8 | (b[pos + 1] & 0xFF));
        pos += 2;
        return v;
    }

    final int i32() {
        need(4);
        int v = Bytes.getInt(b, pos);
        pos += 4;
        return v;
    }

    final long i64() {
        need(8);
        long v = Bytes.getLong(b, pos);
        pos += 8;
        return v;
    }

    /** A {@code u32} byte count, checked against the bytes that remain. */
    final int length() {
        int n = i32();
        if (n < 0 || n > end - pos) {
            throw malformed("length " + Integer.toUnsignedString(n) + " runs past the end (" + (end - pos)
                    + " bytes left)");
        }
        return n;
    }

    /** A {@code u32} element count; each element takes at least {@code minBytes}, so a bound holds. */
    final int count(int minBytes) {
        int n = i32();
        if (n < 0 || (long) n * minBytes > end - pos) {
            throw malformed("count " + Integer.toUnsignedString(n) + " cannot fit in the " + (end - pos)
                    + " bytes left");
        }
        return n;
    }

    /** Skips a length-prefixed block and returns its offset; its length is {@code pos - offset}. */
    final int skipBlock() {
        int n = length();
        int at = pos;
        pos += n;
        return at;
    }

    /** Invalid UTF-8 is replaced, as String does; it cannot hurt anyone. */
    final String utf8() {
        int n = length();
        String s = new String(b, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    final void need(int n) {
        if (n > end - pos) {
            throw malformed("value is truncated");
        }
    }

    final void expectEnd() {
        if (pos != end) {
            throw malformed((end - pos) + " bytes left after the value");
        }
    }

    final SharedMemoryCodecException malformed(String why) {
        return new SharedMemoryCodecException("Malformed value at byte " + pos + ": " + why);
    }

    final SharedMemoryCodecException tooDeep() {
        return new SharedMemoryCodecException("Malformed value: nesting deeper than " + ValueCodec.MAX_DEPTH
                + " levels");
    }
}
