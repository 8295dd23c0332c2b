package io.sharedmemory.core.internal.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.sharedmemory.core.SharedMemoryCodecException;
import tools.jackson.databind.JsonNode;

/**
 * Reads one encoded value. In normal mode it builds the objects the value was made of; in
 * neutral mode (for {@link ValueCodec#sameValue}) it builds a tree whose {@code equals} is the
 * protocol's structural equality and loads no user class: collection kinds are ignored,
 * byte arrays compare by content and objects by class name and JSON tree.
 */
final class ValueReader extends ByteInput {

    private final JsonObjects json;
    private final boolean neutral;

    ValueReader(byte[] bytes, JsonObjects json, boolean neutral) {
        super(bytes);
        this.json = json;
        this.neutral = neutral;
    }

    Object readTop() {
        if (end == 0) {
            throw malformed("no bytes");
        }
        if (b[0] == ValueTags.NULL) {
            throw malformed("null is not allowed as a whole value");
        }
        Object value = read(0);
        expectEnd();
        return value;
    }

    /** @param depth the number of containers around this value */
    private Object read(int depth) {
        int tag = u8();
        switch (tag) {
            case ValueTags.NULL: return null;
            case ValueTags.FALSE: return Boolean.FALSE;
            case ValueTags.TRUE: return Boolean.TRUE;
            case ValueTags.BYTE: need(1); return b[pos++];
            case ValueTags.SHORT: return i16();
            case ValueTags.INT: return i32();
            case ValueTags.LONG: return i64();
            case ValueTags.FLOAT: return Float.intBitsToFloat(i32());
            case ValueTags.DOUBLE: return Double.longBitsToDouble(i64());
            case ValueTags.CHAR: return (char) i16();
            case ValueTags.STRING: return utf8();
            case ValueTags.BYTES: return bytes();
            case ValueTags.BIG_INTEGER: return bigInteger();
            case ValueTags.BIG_DECIMAL: {
                int scale = i32();
                return new BigDecimal(bigInteger(), scale);
            }
            case ValueTags.LIST:
            case ValueTags.SET: return collection(tag, enter(depth));
            case ValueTags.MAP: return map(enter(depth));
            case ValueTags.UUID: return new UUID(i64(), i64());
            case ValueTags.TIME: {
                int kind = u8();
                return TimeKinds.parse(kind, utf8());
            }
            case ValueTags.OBJECT: return object(enter(depth));
            default: throw malformed("unknown tag 0x" + Integer.toHexString(tag));
        }
    }

    private int enter(int depth) {
        if (depth >= ValueCodec.MAX_DEPTH) {
            throw tooDeep();
        }
        return depth + 1;
    }

    private Object bytes() {
        int n = length();
        int at = pos;
        pos += n;
        return neutral ? new ByteSlice(b, at, n) : Arrays.copyOfRange(b, at, at + n);
    }

    private BigInteger bigInteger() {
        int n = length();
        if (n == 0) {
            throw malformed("a big integer needs at least one byte");
        }
        BigInteger v = new BigInteger(b, pos, n);
        pos += n;
        return v;
    }

    private Object collection(int tag, int depth) {
        int kind = u8();
        if (kind > (tag == ValueTags.LIST ? ValueTags.LIST_KIND_MAX : ValueTags.SET_KIND_MAX)) {
            throw malformed("unknown collection kind " + kind);
        }
        int count = count(1);
        if (neutral) {
            Collection<Object> c = CollectionKinds.neutral(tag, count);
            for (int i = 0; i < count; i++) {
                c.add(read(depth));
            }
            return c;
        }
        try {
            if (tag == ValueTags.LIST) {
                List<Object> list = CollectionKinds.newList(kind, count);
                for (int i = 0; i < count; i++) {
                    list.add(read(depth));
                }
                return CollectionKinds.finishList(kind, list);
            }
            Set<Object> set = CollectionKinds.newSet(kind, count);
            for (int i = 0; i < count; i++) {
                set.add(read(depth));
            }
            return CollectionKinds.finishSet(kind, set);
        } catch (SharedMemoryCodecException e) {
            throw e;
        } catch (RuntimeException e) {
            // TreeSet with incomparable elements, Set.of with null...: the bytes cannot be this kind.
            throw malformed("elements do not fit collection kind " + kind + ": " + e);
        }
    }

    private Object map(int depth) {
        int kind = u8();
        if (kind > ValueTags.MAP_KIND_MAX) {
            throw malformed("unknown map kind " + kind);
        }
        int count = count(5);
        try {
            Map<String, Object> map = neutral ? new HashMap<>() : CollectionKinds.newMap(kind, count);
            for (int i = 0; i < count; i++) {
                String key = utf8();
                map.put(key, read(depth));
            }
            return neutral ? map : CollectionKinds.finishMap(kind, map);
        } catch (SharedMemoryCodecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw malformed("entries do not fit map kind " + kind + ": " + e);
        }
    }

    private Object object(int depth) {
        String className = utf8();
        int at = skipBlock();
        if (neutral) {
            return new ObjectKey(className, json.tree(b, at, pos - at));
        }
        return json.fromJson(className, b, at, pos - at);
    }

    /** A record or plain object, compared without its class: by name and JSON tree. */
    record ObjectKey(String className, JsonNode tree) {
    }

    /** A byte[] compared by content, without copying it out of the encoded value. */
    static final class ByteSlice {
        private final byte[] b;
        private final int from;
        private final int length;

        ByteSlice(byte[] b, int from, int length) {
            this.b = b;
            this.from = from;
            this.length = length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ByteSlice s
                    && Arrays.equals(b, from, from + length, s.b, s.from, s.from + s.length);
        }

        @Override
        public int hashCode() {
            int h = 1;
            for (int i = from; i < from + length; i++) {
                h = 31 * h + b[i];
            }
            return h;
        }
    }
}
