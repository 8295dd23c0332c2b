package io.sharedmemory.core.internal.codec;

import io.sharedmemory.core.SharedMemoryCodecException;

/**
 * Walks an encoded value without building it: tags, kinds, lengths, depth, java.time text
 * and trusted class names. Loads no class outside the JDK and parses no JSON, so main can
 * accept values whose classes it does not have. Allocates nothing for well-formed scalars.
 */
final class ValueValidator extends ByteInput {

    private final TrustedPackages trusted;

    ValueValidator(byte[] bytes, TrustedPackages trusted) {
        super(bytes);
        this.trusted = trusted;
    }

    void validateTop() {
        if (end == 0) {
            throw malformed("no bytes");
        }
        if (b[0] == ValueTags.NULL) {
            throw malformed("null is not allowed as a whole value");
        }
        walk(0);
        expectEnd();
    }

    private void walk(int depth) {
        int tag = u8();
        switch (tag) {
            case ValueTags.NULL, ValueTags.FALSE, ValueTags.TRUE -> { }
            case ValueTags.BYTE -> skip(1);
            case ValueTags.SHORT, ValueTags.CHAR -> skip(2);
            case ValueTags.INT, ValueTags.FLOAT -> skip(4);
            case ValueTags.LONG, ValueTags.DOUBLE -> skip(8);
            case ValueTags.UUID -> skip(16);
            case ValueTags.STRING, ValueTags.BYTES -> skipBlock();
            case ValueTags.BIG_INTEGER -> bigInteger();
            case ValueTags.BIG_DECIMAL -> {
                skip(4);
                bigInteger();
            }
            case ValueTags.LIST, ValueTags.SET -> collection(tag, enter(depth));
            case ValueTags.MAP -> map(enter(depth));
            case ValueTags.TIME -> {
                int kind = u8();
                // Parsing the short text is cheap and spares children a value they cannot read.
                TimeKinds.parse(kind, utf8());
            }
            case ValueTags.OBJECT -> {
                enter(depth);
                String className = utf8();
                trusted.check(className);
                checkJdkKind(className);
                skipBlock();
            }
            default -> throw malformed("unknown tag 0x" + Integer.toHexString(tag));
        }
    }

    /**
     * A JDK class passes the trusted-package check by its package alone, yet only its records
     * and enums are values (one with setters or a JSON-taking constructor could be a gadget).
     * Main can tell without any user class: the platform class loader sees only the JDK, and
     * loading without initializing runs no code.
     */
    private static void checkJdkKind(String className) {
        if (!className.startsWith("java.")) {
            return;
        }
        Class<?> type;
        try {
            type = Class.forName(className, false, ClassLoader.getPlatformClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // A JDK type this Java lacks (a child on a newer one): its readers judge it.
            return;
        }
        if (!type.isRecord() && !type.isEnum()) {
            throw new SharedMemoryCodecException("JDK class " + className
                    + " is not a supported value type (only the types of docs/PROTOCOL.md, records and enums)");
        }
    }

    private int enter(int depth) {
        if (depth >= ValueCodec.MAX_DEPTH) {
            throw tooDeep();
        }
        return depth + 1;
    }

    private void skip(int n) {
        need(n);
        pos += n;
    }

    private void bigInteger() {
        int at = skipBlock();
        if (pos == at) {
            throw malformed("a big integer needs at least one byte");
        }
    }

    private void collection(int tag, int depth) {
        int kind = u8();
        if (kind > (tag == ValueTags.LIST ? ValueTags.LIST_KIND_MAX : ValueTags.SET_KIND_MAX)) {
            throw malformed("unknown collection kind " + kind);
        }
        boolean noNulls = CollectionKinds.refusesNull(tag, kind);
        int count = count(1);
        for (int i = 0; i < count; i++) {
            element(noNulls, depth);
        }
    }

    private void map(int depth) {
        int kind = u8();
        if (kind > ValueTags.MAP_KIND_MAX) {
            throw malformed("unknown map kind " + kind);
        }
        boolean noNulls = CollectionKinds.refusesNull(ValueTags.MAP, kind);
        int count = count(5);
        for (int i = 0; i < count; i++) {
            skipBlock();
            element(noNulls, depth);
        }
    }

    private void element(boolean noNulls, int depth) {
        if (noNulls && pos < end && b[pos] == ValueTags.NULL) {
            throw new SharedMemoryCodecException("Malformed value at byte " + pos
                    + ": this collection kind cannot hold null");
        }
        walk(depth);
    }
}
