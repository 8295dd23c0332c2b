package io.sharedmemory.spring;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.MethodParameter;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.util.ReflectionUtils;

/**
 * Delivers messages to one {@link SharedMemoryListener @SharedMemoryListener} method: picks the
 * arguments its signature asks for, converts the payload, and invokes it. Failures are logged
 * with the method named and never thrown, so that a bad message or a failing listener neither
 * reaches the publisher nor stops later messages and other listeners.
 */
public class MethodListenerInvoker implements SharedMemoryListenerEndpoint.ListenerInvoker {

    private static final Log logger = LogFactory.getLog(MethodListenerInvoker.class);

    private final Object bean;

    private final Method method;

    private final String description;

    private final Signature signature;

    private final TypeDescriptor payloadType;

    private final SharedMemoryPayloadConverter converter;

    /**
     * Creates an invoker and checks the method's signature.
     * @param bean the bean (possibly a proxy) to invoke the method on
     * @param method the method, invocable on {@code bean}
     * @param converter converts messages to the payload type
     * @throws IllegalStateException if the signature is not {@code ()}, {@code (P)} or
     *         {@code (String, P)}
     */
    public MethodListenerInvoker(Object bean, Method method, SharedMemoryPayloadConverter converter) {
        this.bean = bean;
        this.method = method;
        this.description = describe(method);
        this.signature = Signature.of(method, this.description);
        this.payloadType = (this.signature == Signature.NONE) ? null
                : new TypeDescriptor(new MethodParameter(method, method.getParameterCount() - 1));
        this.converter = converter;
        ReflectionUtils.makeAccessible(method);
    }

    /**
     * A readable name of the method, {@code Class.method(ParamType, ...)}.
     * @return the description used in logs
     */
    public String getDescription() {
        return this.description;
    }

    @Override
    public void invoke(String channel, Object message) {
        Object[] args;
        try {
            args = arguments(channel, message);
        }
        catch (SharedMemoryPayloadConverter.PayloadConversionException ex) {
            logger.warn("Listener method " + this.description + " skipped a message on channel '" + channel
                    + "': " + ex.getMessage(), ex);
            return;
        }
        try {
            this.method.invoke(this.bean, args);
        }
        catch (InvocationTargetException ex) {
            logger.error("Listener method " + this.description + " threw on a message on channel '" + channel + "'",
                    ex.getTargetException());
        }
        catch (IllegalAccessException | RuntimeException ex) {
            logger.error("Listener method " + this.description + " could not be invoked for channel '" + channel
                    + "'", ex);
        }
    }

    private Object[] arguments(String channel, Object message) {
        return switch (this.signature) {
            case NONE -> new Object[0];
            case PAYLOAD -> new Object[] { payload(message) };
            case CHANNEL_AND_PAYLOAD -> new Object[] { channel, payload(message) };
        };
    }

    private Object payload(Object message) {
        return this.converter.convert(message, this.payloadType);
    }

    static String describe(Method method) {
        StringBuilder text = new StringBuilder(method.getDeclaringClass().getName()).append('.')
                .append(method.getName()).append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            text.append((i > 0) ? ", " : "").append(types[i].getSimpleName());
        }
        return text.append(')').toString();
    }

    /** The three signatures a listener method may have. */
    enum Signature {

        /** {@code ()}. */
        NONE,
        /** {@code (P payload)}. */
        PAYLOAD,
        /** {@code (String channel, P payload)}. */
        CHANNEL_AND_PAYLOAD;

        /** Tells a method's signature, or fails naming the method. */
        static Signature of(Method method, String description) {
            Class<?>[] types = method.getParameterTypes();
            if (types.length == 0) {
                return NONE;
            }
            if (types.length == 1) {
                return PAYLOAD;
            }
            if (types.length == 2 && types[0] == String.class) {
                return CHANNEL_AND_PAYLOAD;
            }
            throw new IllegalStateException("@SharedMemoryListener method " + description
                    + " must take (), (P payload) or (String channel, P payload)");
        }
    }
}
