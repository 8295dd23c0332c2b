package io.sharedmemory.spring.cache;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.util.ReflectionUtils;

/**
 * Turns a Spring cache key into text that is the same in every JVM, so that an entry one process
 * wrote is the entry another process looks up. Keys that are {@code equals} give the same text,
 * and keys that are not give different texts, for the kinds of keys below; nothing depends on
 * hash codes, identity or the order of a hash set.
 * <ul>
 * <li>a {@code String} is itself ({@code "42"}); one that starts with {@code #} gets a second
 * {@code #} in front, because every other key starts with {@code #};</li>
 * <li>numbers, booleans, characters, {@code UUID}s and {@code java.time} values are tagged with
 * their type, so that the {@code Long} 42 and the {@code String} "42" stay two keys, as in an
 * in-memory cache: {@code #Long(42)}, {@code #LocalDate(2024-05-01)}; an enum constant is
 * {@code #com.example.Color(RED)};</li>
 * <li>a {@code SimpleKey} (several method arguments), a record, a list, a set (its elements
 * sorted), a map (its entries sorted) and an array are their parts in order:
 * {@code #SimpleKey(#Long(7),eu)}, {@code #com.example.Query(ada,#Integer(3))}; {@code null}
 * is {@code #null}; in a text inside parentheses (a string part, a number's digits) each of
 * {@code \ ( ) , =} gets a {@code \} in front, so the unescaped ones are the structure;</li>
 * <li>any other object is {@code #<class name>(<toString()>)}, so its {@code toString()} must
 * tell equal keys apart and be the same in every JVM; a class that does not override
 * {@code toString()} (whose text would hold an identity hash) is refused with an
 * {@link IllegalArgumentException} rather than never hitting.</li>
 * </ul>
 */
final class CacheKeyText {

    private static final char TAG = '#';

    /** {@code SimpleKey} keeps its arguments private; read once, and fall back to its text without it. */
    private static final Field SIMPLE_KEY_PARAMS = simpleKeyParams();

    private static final List<Class<?>> SCALARS = List.of(Boolean.class, Character.class, Byte.class, Short.class,
            Integer.class, Long.class, Float.class, Double.class, BigInteger.class, BigDecimal.class, UUID.class);

    private CacheKeyText() {
    }

    /**
     * The text of a key.
     * @param key a cache key, not {@code null}
     * @return its text
     * @throws IllegalArgumentException if the key has no text that is stable across JVMs
     */
    static String of(Object key) {
        // At the top a string needs no escaping: nothing surrounds it.
        return (key instanceof String text) ? unclashed(text) : tagged(key);
    }

    /** A string that starts like a tag gets a second {@code #}; every non-string starts with one. */
    private static String unclashed(String text) {
        return text.startsWith("#") ? TAG + text : text;
    }

    private static String tagged(Object key) {
        if (key == null) {
            return TAG + "null";
        }
        if (isScalar(key.getClass())) {
            return text(typeName(key.getClass()), key.toString());
        }
        if (key instanceof Enum<?> constant) {
            return text(constant.getDeclaringClass().getName(), constant.name());
        }
        if (key instanceof SimpleKey simpleKey) {
            return (SIMPLE_KEY_PARAMS != null)
                    ? parts("SimpleKey", elements(ReflectionUtils.getField(SIMPLE_KEY_PARAMS, simpleKey)).stream())
                    : text("SimpleKey", simpleKey.toString());
        }
        if (key instanceof Record record) {
            return parts(key.getClass().getName(), components(record).stream());
        }
        if (key instanceof List<?> list) {
            return parts("List", list.stream());
        }
        if (key instanceof Set<?> set) {
            // Sorted by text, so that equal sets give one text whatever their iteration order.
            return tag("Set", set.stream().map(CacheKeyText::part).sorted());
        }
        if (key instanceof Map<?, ?> map) {
            return tag("Map", map.entrySet().stream()
                .map((entry) -> part(entry.getKey()) + "=" + part(entry.getValue())).sorted());
        }
        if (key.getClass().isArray()) {
            return parts(typeName(key.getClass()), elements(key).stream());
        }
        if (overridesToString(key.getClass())) {
            return text(key.getClass().getName(), key.toString());
        }
        throw new IllegalArgumentException("Cache key of type " + key.getClass().getName()
                + " has no text that is the same in every process: it does not override toString(). Use a "
                + "String, a number, an enum or a record as the key, override toString(), or give the cache "
                + "a KeyGenerator (or a key = \"...\" expression) that makes one");
    }

    /** {@code #tag(text)}, the text escaped. */
    private static String text(String tag, String text) {
        return TAG + tag + "(" + escaped(text) + ")";
    }

    /** {@code #tag(part,part)} of values. */
    private static String parts(String tag, Stream<?> values) {
        return tag(tag, values.map(CacheKeyText::part));
    }

    private static String tag(String tag, Stream<String> parts) {
        return TAG + tag + "(" + parts.collect(Collectors.joining(",")) + ")";
    }

    /**
     * A value inside parentheses: a tagged value as it is (its parentheses balance), a string
     * escaped, and an empty string tagged so that {@code f("")} and {@code f()} differ.
     */
    private static String part(Object value) {
        if (value instanceof String text) {
            return text.isEmpty() ? "#String()" : escaped(unclashed(text));
        }
        return tagged(value);
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\(),=".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static List<Object> components(Record record) {
        List<Object> values = new ArrayList<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Method accessor = component.getAccessor();
            ReflectionUtils.makeAccessible(accessor);
            values.add(ReflectionUtils.invokeMethod(accessor, record));
        }
        return values;
    }

    private static List<Object> elements(Object array) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < Array.getLength(array); i++) {
            values.add(Array.get(array, i));
        }
        return values;
    }

    private static boolean isScalar(Class<?> type) {
        return SCALARS.contains(type) || type.getName().startsWith("java.time.");
    }

    private static String typeName(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        String name = type.getTypeName();
        String packageName = element.getPackageName();
        boolean jdk = packageName.equals("java.lang") || packageName.equals("java.math")
                || packageName.equals("java.util") || packageName.equals("java.time");
        // Primitive arrays ("int[]") have no package in their name to strip.
        return (jdk && name.startsWith(packageName + ".")) ? name.substring(packageName.length() + 1) : name;
    }

    private static boolean overridesToString(Class<?> type) {
        Method toString = ReflectionUtils.findMethod(type, "toString");
        return toString != null && toString.getDeclaringClass() != Object.class;
    }

    private static Field simpleKeyParams() {
        Field field = ReflectionUtils.findField(SimpleKey.class, "params", Object[].class);
        if (field == null) {
            return null;
        }
        try {
            ReflectionUtils.makeAccessible(field);
            return field;
        }
        catch (RuntimeException ex) {
            return null;
        }
    }
}
