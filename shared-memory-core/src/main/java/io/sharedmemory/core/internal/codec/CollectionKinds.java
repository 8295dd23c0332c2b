package io.sharedmemory.core.internal.codec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collection kinds (docs/PROTOCOL.md): which kind a collection is written as, chosen from its
 * runtime class, and which collection a kind reads back as. The JDK's immutable and
 * unmodifiable classes are private, so they are recognised by comparing with samples.
 */
final class CollectionKinds {

    private static final Set<Class<?>> LIST_OF = classesOf(List.of(), List.of(1), List.of(1, 2, 3));
    private static final Set<Class<?>> UNMODIFIABLE_LIST = classesOf(
            Collections.unmodifiableList(new ArrayList<>()), Collections.unmodifiableList(new LinkedList<>()));
    private static final Set<Class<?>> SET_OF = classesOf(Set.of(), Set.of(1), Set.of(1, 2, 3));
    private static final Class<?> UNMODIFIABLE_SET = Collections.unmodifiableSet(new HashSet<>()).getClass();
    private static final Set<Class<?>> MAP_OF = classesOf(Map.of(), Map.of(1, 1), Map.of(1, 1, 2, 2));
    private static final Class<?> UNMODIFIABLE_MAP = Collections.unmodifiableMap(new HashMap<>()).getClass();

    private CollectionKinds() {
    }

    /** The samples' classes; which samples share a class is a JDK detail, so duplicates are fine. */
    private static Set<Class<?>> classesOf(Object... samples) {
        Set<Class<?>> classes = new HashSet<>();
        for (Object sample : samples) {
            classes.add(sample.getClass());
        }
        return Set.copyOf(classes);
    }

    static int listKind(List<?> list) {
        Class<?> type = list.getClass();
        if (type == ArrayList.class) {
            return 0;
        }
        if (type == LinkedList.class) {
            return 1;
        }
        if (LIST_OF.contains(type)) {
            return 2;
        }
        return UNMODIFIABLE_LIST.contains(type) ? 3 : 0;
    }

    static int setKind(Set<?> set) {
        Class<?> type = set.getClass();
        if (type == HashSet.class) {
            return 0;
        }
        if (type == LinkedHashSet.class) {
            return 1;
        }
        if (type == TreeSet.class) {
            // A comparator cannot travel; such a set reads back as a HashSet rather than failing.
            return ((SortedSet<?>) set).comparator() == null ? 2 : 0;
        }
        if (SET_OF.contains(type)) {
            return 3;
        }
        return type == UNMODIFIABLE_SET ? 4 : 0;
    }

    static int mapKind(Map<?, ?> map) {
        Class<?> type = map.getClass();
        if (type == HashMap.class) {
            return 0;
        }
        if (type == LinkedHashMap.class) {
            return 1;
        }
        if (type == TreeMap.class) {
            return ((SortedMap<?, ?>) map).comparator() == null ? 2 : 0;
        }
        if (MAP_OF.contains(type)) {
            return 3;
        }
        if (type == UNMODIFIABLE_MAP) {
            return 4;
        }
        return type == ConcurrentHashMap.class ? 5 : 0;
    }

    /** Kinds whose collection refuses null elements (or null map values). */
    static boolean refusesNull(int tag, int kind) {
        return switch (tag) {
            case ValueTags.SET -> kind == 2 || kind == 3;
            case ValueTags.MAP -> kind == 3 || kind == 5; // a TreeMap takes null values
            default -> false;
        };
    }

    /** A collection to fill while reading; {@link #finishList} and friends wrap it afterwards. */
    static List<Object> newList(int kind, int count) {
        return kind == 1 ? new LinkedList<>() : new ArrayList<>(count);
    }

    static List<Object> finishList(int kind, List<Object> list) {
        return switch (kind) {
            // List.copyOf gives the classes List.of gives; a null element (Stream.toList allows
            // them) needs the null-tolerant immutable list instead.
            case 2 -> list.contains(null) ? list.stream().toList() : List.copyOf(list);
            case 3 -> Collections.unmodifiableList(list);
            default -> list;
        };
    }

    static Set<Object> newSet(int kind, int count) {
        return switch (kind) {
            case 0 -> new HashSet<>(capacity(count));
            case 2 -> new TreeSet<>();
            default -> new LinkedHashSet<>(capacity(count));
        };
    }

    static Set<Object> finishSet(int kind, Set<Object> set) {
        return switch (kind) {
            case 3 -> Set.copyOf(set);
            case 4 -> Collections.unmodifiableSet(set);
            default -> set;
        };
    }

    static Map<String, Object> newMap(int kind, int count) {
        return switch (kind) {
            case 0 -> new HashMap<>(capacity(count));
            case 2 -> new TreeMap<>();
            case 5 -> new ConcurrentHashMap<>(capacity(count));
            default -> new LinkedHashMap<>(capacity(count));
        };
    }

    static Map<String, Object> finishMap(int kind, Map<String, Object> map) {
        return switch (kind) {
            case 3 -> Map.copyOf(map);
            case 4 -> Collections.unmodifiableMap(map);
            default -> map;
        };
    }

    /** Neutral collections for structural comparison: kinds do not matter there. */
    static Collection<Object> neutral(int tag, int count) {
        return tag == ValueTags.LIST ? new ArrayList<>(count) : new HashSet<>(capacity(count));
    }

    private static int capacity(int count) {
        return (int) Math.min(1 << 30, count / 0.75f + 1);
    }
}
