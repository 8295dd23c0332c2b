package io.sharedmemory.spring;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.util.ReflectionUtils;

import io.sharedmemory.core.KeyEvent;

/**
 * Delivers key changes to one {@link SharedMemoryListener#keys() @SharedMemoryListener(keys = …)}
 * method, taking {@code ()} or {@code (KeyEvent event)}. An exception thrown by the method is
 * logged with the method named and never thrown, so it stops neither later changes nor the writer.
 */
public class MethodKeyEventInvoker implements Consumer<KeyEvent> {

    private static final Log logger = LogFactory.getLog(MethodKeyEventInvoker.class);

    private final Object bean;

    private final Method method;

    private final String description;

    private final boolean takesEvent;

    /**
     * Creates an invoker and checks the method's signature.
     * @param bean the bean (possibly a proxy) to invoke the method on
     * @param method the method, invocable on {@code bean}
     * @param description a readable name of the method, for logs
     * @throws IllegalStateException if the signature is neither {@code ()} nor {@code (KeyEvent)}
     */
    public MethodKeyEventInvoker(Object bean, Method method, String description) {
        Class<?>[] types = method.getParameterTypes();
        if (types.length > 1 || (types.length == 1 && !types[0].isAssignableFrom(KeyEvent.class))) {
            throw new IllegalStateException("@SharedMemoryListener(keys = ...) method " + description
                    + " must take () or (KeyEvent event)");
        }
        this.bean = bean;
        this.method = method;
        this.description = description;
        this.takesEvent = types.length == 1;
        ReflectionUtils.makeAccessible(method);
    }

    @Override
    public void accept(KeyEvent event) {
        try {
            this.method.invoke(this.bean, this.takesEvent ? new Object[] { event } : new Object[0]);
        }
        catch (InvocationTargetException ex) {
            logger.error("Listener method " + this.description + " threw on a " + event.type() + " of key '"
                    + event.key() + "'", ex.getTargetException());
        }
        catch (IllegalAccessException | RuntimeException ex) {
            logger.error("Listener method " + this.description + " could not be invoked for key '" + event.key()
                    + "'", ex);
        }
    }
}
