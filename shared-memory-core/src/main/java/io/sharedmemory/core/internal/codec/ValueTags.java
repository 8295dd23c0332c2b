package io.sharedmemory.core.internal.codec;

/**
 * Tag and kind numbers of the value format (docs/PROTOCOL.md, "Values"). One place for
 * them so the writer, the reader, the validator and the comparator cannot drift apart.
 */
final class ValueTags {

    static final int NULL = 0x00;
    static final int FALSE = 0x01;
    static final int TRUE = 0x02;
    static final int BYTE = 0x03;
    static final int SHORT = 0x04;
    static final int INT = 0x05;
    static final int LONG = 0x06;
    static final int FLOAT = 0x07;
    static final int DOUBLE = 0x08;
    static final int CHAR = 0x09;
    static final int STRING = 0x0A;
    static final int BYTES = 0x0B;
    static final int BIG_INTEGER = 0x0C;
    static final int BIG_DECIMAL = 0x0D;
    static final int LIST = 0x10;
    static final int SET = 0x11;
    static final int MAP = 0x12;
    static final int UUID = 0x13;
    static final int TIME = 0x14;
    static final int OBJECT = 0x20;

    /** List kinds: ArrayList, LinkedList, List.of, Collections.unmodifiableList. */
    static final int LIST_KIND_MAX = 3;
    /** Set kinds: HashSet, LinkedHashSet, TreeSet, Set.of, Collections.unmodifiableSet. */
    static final int SET_KIND_MAX = 4;
    /** Map kinds: HashMap, LinkedHashMap, TreeMap, Map.of, Collections.unmodifiableMap, ConcurrentHashMap. */
    static final int MAP_KIND_MAX = 5;

    /** java.time kinds are 1 (Instant) to 13 (ZoneOffset). */
    static final int TIME_KIND_MIN = 1;
    static final int TIME_KIND_MAX = 13;

    private ValueTags() {
    }
}
