package io.sharedmemory.core.internal.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.sharedmemory.core.SharedMemoryCodecException;

/**
 * Writes one value into a growing buffer. One instance per {@code encode} call; top-level
 * strings and byte arrays never get here (see {@link #encodeString} and {@link #encodeBytes}).
 */
final class ValueWriter {

    /**
     * Up to this length a string is UTF-8 encoded in place (one allocation); above it the JDK's
     * vectorized getBytes plus a copy is faster despite the second array (measured crossover ~16-20).
     */
    private static final int DIRECT_UTF8_MAX = 16;

    private final JsonObjects json;
    private byte[] buf = new byte[64];
    private int pos;
    /** The containers being written, outermost first: for depth and cycle checks. */
    private Object[] path;
    private int depth;

    ValueWriter(JsonObjects json) {
        this.json = json;
    }

    static byte[] encodeString(String s) {
        int n = s.length();
        if (n <= DIRECT_UTF8_MAX) {
            int len = Utf8.length(s);
            byte[] out = new byte[5 + len];
            out[0] = ValueTags.STRING;
            Bytes.putInt(out, 1, len);
            Utf8.write(s, out, 5);
            return out;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[5 + utf8.length];
        out[0] = ValueTags.STRING;
        Bytes.putInt(out, 1, utf8.length);
        System.arraycopy(utf8, 0, out, 5, utf8.length);
        return out;
    }

    static byte[] encodeBytes(byte[] b) {
        byte[] out = new byte[5 + b.length];
        out[0] = ValueTags.BYTES;
        Bytes.putInt(out, 1, b.length);
        System.arraycopy(b, 0, out, 5, b.length);
        return out;
    }

    static byte[] encodeLong(long v) {
        byte[] out = new byte[9];
        out[0] = ValueTags.LONG;
        Bytes.putLong(out, 1, v);
        return out;
    }

    byte[] encode(Object value) {
        write(value);
        return Arrays.copyOf(buf, pos);
    }

    private void write(Object v) {
        if (v == null) {
            tag(ValueTags.NULL);
            return;
        }
        Class<?> type = v.getClass();
        // Exact class checks first: cheapest, and subclasses of BigInteger & co. are not ours.
        if (type == String.class) {
            writeString((String) v);
        } else if (type == Integer.class) {
            ensure(5);
            buf[pos++] = ValueTags.INT;
            putInt((Integer) v);
        } else if (type == Long.class) {
            ensure(9);
            buf[pos++] = ValueTags.LONG;
            putLong((Long) v);
        } else if (type == Boolean.class) {
            tag((Boolean) v ? ValueTags.TRUE : ValueTags.FALSE);
        } else if (type == Double.class) {
            ensure(9);
            buf[pos++] = ValueTags.DOUBLE;
            putLong(Double.doubleToRawLongBits((Double) v));
        } else if (type == byte[].class) {
            byte[] b = (byte[]) v;
            ensure(5 + b.length);
            buf[pos++] = ValueTags.BYTES;
            putInt(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        } else if (v instanceof List<?> list) {
            writeCollection(ValueTags.LIST, CollectionKinds.listKind(list), list);
        } else if (v instanceof Set<?> set) {
            writeCollection(ValueTags.SET, CollectionKinds.setKind(set), set);
        } else if (v instanceof Map<?, ?> map) {
            writeMap(map);
        } else {
            writeOther(v, type);
        }
    }

    private void writeOther(Object v, Class<?> type) {
        if (type == Short.class) {
            ensure(3);
            buf[pos++] = ValueTags.SHORT;
            short s = (Short) v;
            buf[pos++] = (byte) (s >> 8);
            buf[pos++] = (byte) s;
        } else if (type == Byte.class) {
            ensure(2);
            buf[pos++] = ValueTags.BYTE;
            buf[pos++] = (Byte) v;
        } else if (type == Float.class) {
            ensure(5);
            buf[pos++] = ValueTags.FLOAT;
            putInt(Float.floatToRawIntBits((Float) v));
        } else if (type == Character.class) {
            ensure(3);
            buf[pos++] = ValueTags.CHAR;
            char c = (Character) v;
            buf[pos++] = (byte) (c >> 8);
            buf[pos++] = (byte) c;
        } else if (type == BigInteger.class) {
            tag(ValueTags.BIG_INTEGER);
            writeBlock(((BigInteger) v).toByteArray());
        } else if (type == BigDecimal.class) {
            BigDecimal d = (BigDecimal) v;
            ensure(5);
            buf[pos++] = ValueTags.BIG_DECIMAL;
            putInt(d.scale());
            writeBlock(d.unscaledValue().toByteArray());
        } else if (type == UUID.class) {
            UUID u = (UUID) v;
            ensure(17);
            buf[pos++] = ValueTags.UUID;
            putLong(u.getMostSignificantBits());
            putLong(u.getLeastSignificantBits());
        } else if (TimeKinds.isTimeClass(type)) {
            ensure(2);
            buf[pos++] = ValueTags.TIME;
            buf[pos++] = (byte) TimeKinds.kindOf(type);
            writeBlock(v.toString().getBytes(StandardCharsets.UTF_8));
        } else {
            Class<?> wire = JsonObjects.wireClass(v);
            json.checkEncodable(wire);
            enter(v);
            byte[] body = json.toJson(v);
            depth--;
            tag(ValueTags.OBJECT);
            writeBlock(wire.getName().getBytes(StandardCharsets.UTF_8));
            writeBlock(body);
        }
    }

    private void writeCollection(int tag, int kind, Collection<?> c) {
        enter(c);
        ensure(6);
        buf[pos++] = (byte) tag;
        buf[pos++] = (byte) kind;
        // The count is patched afterwards: a concurrent collection may change while we iterate.
        int countAt = pos;
        pos += 4;
        int count = 0;
        for (Object element : c) {
            write(element);
            count++;
        }
        Bytes.putInt(buf, countAt, count);
        depth--;
    }

    private void writeMap(Map<?, ?> map) {
        enter(map);
        ensure(6);
        buf[pos++] = ValueTags.MAP;
        buf[pos++] = (byte) CollectionKinds.mapKind(map);
        int countAt = pos;
        pos += 4;
        int count = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new SharedMemoryCodecException("Map keys must be Strings, found "
                        + (e.getKey() == null ? "null" : e.getKey().getClass().getName()));
            }
            writeString0(key);
            write(e.getValue());
            count++;
        }
        Bytes.putInt(buf, countAt, count);
        depth--;
    }

    /** Depth and cycle check; a cycle would otherwise only show up as "too deep". */
    private void enter(Object container) {
        if (path == null) {
            path = new Object[ValueCodec.MAX_DEPTH];
        }
        if (depth == ValueCodec.MAX_DEPTH) {
            throw new SharedMemoryCodecException("Value nests deeper than " + ValueCodec.MAX_DEPTH + " levels");
        }
        for (int i = 0; i < depth; i++) {
            if (path[i] == container) {
                throw new SharedMemoryCodecException("Value contains itself (a cycle through "
                        + container.getClass().getName() + ")");
            }
        }
        path[depth++] = container;
    }

    private void writeString(String s) {
        tag(ValueTags.STRING);
        writeString0(s);
    }

    /** Length-prefixed UTF-8, without a tag (also used for map keys). */
    private void writeString0(String s) {
        int n = s.length();
        if (n <= DIRECT_UTF8_MAX) {
            int len = Utf8.length(s);
            ensure(4 + len);
            putInt(len);
            pos = Utf8.write(s, buf, pos);
        } else {
            writeBlock(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void writeBlock(byte[] b) {
        ensure(4 + b.length);
        putInt(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    private void tag(int tag) {
        ensure(1);
        buf[pos++] = (byte) tag;
    }

    private void putInt(int v) {
        Bytes.putInt(buf, pos, v);
        pos += 4;
    }

    private void putLong(long v) {
        Bytes.putLong(buf, pos, v);
        pos += 8;
    }

    private void ensure(int n) {
        if (n > buf.length - pos) {
            long wanted = Math.max((long) buf.length * 2, (long) pos + n);
            if (wanted > Integer.MAX_VALUE - 16) {
                if ((long) pos + n > Integer.MAX_VALUE - 16) {
                    throw new SharedMemoryCodecException("Value is too large to encode");
                }
                wanted = Integer.MAX_VALUE - 16;
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }
}
