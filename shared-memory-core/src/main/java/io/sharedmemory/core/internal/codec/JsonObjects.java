package io.sharedmemory.core.internal.codec;

import java.lang.reflect.Modifier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import io.sharedmemory.core.SharedMemoryCodecException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records and plain objects (tag 0x20): which classes qualify, and their JSON form.
 * The mapper has no default typing, so a JSON document never names a class; only the
 * class name beside it does, and that name is checked before the class is loaded.
 */
final class JsonObjects {

    private final TrustedPackages trusted;
    private final ClassLoader classLoader;
    private final JsonMapper mapper;
    /** Classes that passed every check; bounded by the classes that exist, so no eviction. */
    private final ConcurrentMap<String, Class<?>> accepted = new ConcurrentHashMap<>();

    JsonObjects(TrustedPackages trusted, ClassLoader classLoader) {
        this.trusted = trusted;
        this.classLoader = classLoader != null ? classLoader : JsonObjects.class.getClassLoader();
        this.mapper = JsonMapper.builder()
                // State is the fields: getters that compute things would not read back.
                .changeDefaultVisibility(v -> v
                        .withVisibility(PropertyAccessor.FIELD, Visibility.ANY)
                        .withVisibility(PropertyAccessor.GETTER, Visibility.NONE)
                        .withVisibility(PropertyAccessor.IS_GETTER, Visibility.NONE))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // Enums travel by name(): toString() may be anything, and need not be unique.
                .disable(EnumFeature.WRITE_ENUMS_USING_TO_STRING, EnumFeature.READ_ENUMS_USING_TO_STRING)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .build();
    }

    /** The name written for a value's class; an enum constant with a body reports its enum. */
    static Class<?> wireClass(Object value) {
        Class<?> type = value.getClass();
        if (value instanceof Enum<?> e) {
            type = e.getDeclaringClass();
        }
        return type;
    }

    /** Refuses, at encode time, what decode would refuse, so users learn at the first set. */
    void checkEncodable(Class<?> type) {
        if (type.isArray()) {
            throw new SharedMemoryCodecException("Arrays other than byte[] are not supported ("
                    + type.getTypeName() + "); use a List");
        }
        if (type.isAnonymousClass() || type.isLocalClass() || type.isHidden() || type.isSynthetic()) {
            throw new SharedMemoryCodecException("Cannot store an instance of anonymous, local or hidden class "
                    + type.getName() + "; use a record or a top-level class");
        }
        trusted.check(type.getName());
        checkKind(type);
    }

    byte[] toJson(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JacksonException | StackOverflowError e) {
            throw new SharedMemoryCodecException("Cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getMessage(), e);
        }
    }

    Object fromJson(String className, byte[] bytes, int offset, int length) {
        Class<?> type = resolve(className);
        Object value;
        try {
            value = mapper.readValue(bytes, offset, length, type);
        } catch (JacksonException e) {
            throw new SharedMemoryCodecException("Cannot read " + className + " from JSON: " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            // A constructor or setter of the user's class may throw; that is still a bad value here.
            throw new SharedMemoryCodecException("Cannot read " + className + " from JSON: " + e, e);
        }
        if (value == null) {
            throw new SharedMemoryCodecException("JSON for " + className + " is null");
        }
        return value;
    }

    JsonNode tree(byte[] bytes, int offset, int length) {
        try {
            return mapper.readTree(bytes, offset, length);
        } catch (JacksonException e) {
            throw new SharedMemoryCodecException("Malformed JSON in value: " + e.getOriginalMessage(), e);
        }
    }

    /** Name check first, then load without initializing, then check what kind of class it is. */
    private Class<?> resolve(String className) {
        Class<?> known = accepted.get(className);
        if (known != null) {
            return known;
        }
        trusted.check(className);
        Class<?> type;
        try {
            type = Class.forName(className, false, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new SharedMemoryCodecException("Class " + className + " of a stored value cannot be loaded here", e);
        }
        checkKind(type);
        accepted.put(className, type);
        return type;
    }

    /**
     * Interfaces and abstract classes cannot be built from JSON. JDK classes are trusted by
     * package, but only enums and records among them: a JDK class with setters or a
     * constructor taking JSON (ProcessBuilder, a URL class loader...) could be a gadget.
     */
    private static void checkKind(Class<?> type) {
        boolean abstractClass = Modifier.isAbstract(type.getModifiers()) && !type.isEnum();
        if (type.isInterface() || type.isPrimitive() || type.isArray() || abstractClass) {
            throw new SharedMemoryCodecException("Class " + type.getName()
                    + " cannot be stored: it is an interface, abstract class, array or primitive");
        }
        if (type.getName().startsWith("java.") && !type.isEnum() && !type.isRecord()) {
            throw new SharedMemoryCodecException("JDK class " + type.getName()
                    + " is not a supported value type (only the types of docs/PROTOCOL.md, records and enums)");
        }
    }
}
