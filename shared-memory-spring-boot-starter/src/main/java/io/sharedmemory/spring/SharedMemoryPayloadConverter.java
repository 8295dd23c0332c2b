package io.sharedmemory.spring;

import java.util.Collection;
import java.util.Map;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;

/**
 * Converts a decoded message to the payload type a listener method declares.
 * <p>
 * A message that already has the type is passed as is. Simple conversions (a number to another
 * number type, widening or narrowing with an overflow check; a {@code String} to a number, enum
 * or duration) go through Spring's {@link ConversionService}. Structured data (a {@code Map} or
 * a {@code List} to a record, a bean or a typed collection of them) goes through Jackson's
 * {@link JsonMapper#convertValue(Object, JavaType) convertValue}, which maps properties by name
 * without writing JSON text.
 */
public class SharedMemoryPayloadConverter {

    private final ConversionService conversionService;

    private final JsonMapper jsonMapper;

    /**
     * Creates a converter.
     * @param conversionService for simple conversions
     * @param jsonMapper for structured data
     */
    public SharedMemoryPayloadConverter(ConversionService conversionService, JsonMapper jsonMapper) {
        this.conversionService = conversionService;
        this.jsonMapper = jsonMapper;
    }

    /**
     * Converts a message to a target type.
     * @param message the decoded message, not {@code null}
     * @param targetType the declared payload type, generics included
     * @return the message as the target type
     * @throws PayloadConversionException if it cannot be converted
     */
    public Object convert(Object message, TypeDescriptor targetType) {
        if (isAlreadyTarget(message, targetType)) {
            return message;
        }
        try {
            if (isStructured(message)) {
                // Maps and lists become records, beans or typed collections: Jackson binds them
                // element by element, which a ConversionService cannot do for a record.
                return convertWithJackson(message, targetType);
            }
            TypeDescriptor sourceType = TypeDescriptor.forObject(message);
            if (this.conversionService.canConvert(sourceType, targetType)) {
                Object converted = this.conversionService.convert(message, sourceType, targetType);
                if (converted != null) {
                    return converted;
                }
            }
            return convertWithJackson(message, targetType);
        }
        catch (RuntimeException ex) {
            throw new PayloadConversionException("Cannot convert " + message.getClass().getName() + " to "
                    + targetType + ": " + ex.getMessage(), ex);
        }
    }

    private static boolean isAlreadyTarget(Object message, TypeDescriptor targetType) {
        Class<?> target = targetType.getObjectType();
        if (!target.isInstance(message)) {
            return false;
        }
        // A raw List, Map or Object takes the message as is; List<Person> needs its elements converted.
        return targetType.getResolvableType().getGenerics().length == 0
                || !targetType.getResolvableType().hasResolvableGenerics()
                || isObjectOnlyGenerics(targetType);
    }

    private static boolean isObjectOnlyGenerics(TypeDescriptor targetType) {
        for (var generic : targetType.getResolvableType().getGenerics()) {
            Class<?> resolved = generic.resolve();
            if (resolved != null && resolved != Object.class) {
                return false;
            }
        }
        return true;
    }

    private static boolean isStructured(Object message) {
        return message instanceof Map || message instanceof Collection;
    }

    private Object convertWithJackson(Object message, TypeDescriptor targetType) {
        JavaType javaType = this.jsonMapper.getTypeFactory().constructType(targetType.getResolvableType().getType());
        return this.jsonMapper.convertValue(message, javaType);
    }

    /** A message could not be converted to the type a listener declares. */
    public static class PayloadConversionException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        /**
         * Creates an exception.
         * @param message what could not be converted
         * @param cause the converter's failure
         */
        public PayloadConversionException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
