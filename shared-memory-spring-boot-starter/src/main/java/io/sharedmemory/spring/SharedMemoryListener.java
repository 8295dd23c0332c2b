package io.sharedmemory.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Marks a bean method that receives the messages published on shared-memory channels, or
 * the changes of shared-memory keys ({@link #keys()}), in whichever process (main or child) the
 * bean lives.
 * <p>
 * Allowed signatures:
 * <ul>
 * <li>{@code void on()} &mdash; called once per message, which is not passed;</li>
 * <li>{@code void on(P payload)} &mdash; the message converted to {@code P};</li>
 * <li>{@code void on(String channel, P payload)} &mdash; the channel it was published on, and
 * the message converted to {@code P}.</li>
 * </ul>
 * The message is converted to {@code P} when it is not one already: a number to another number
 * type, a {@code String} to a simple type, a {@code Map} to a record or bean. A message that
 * cannot be converted, and an exception thrown by the method, are logged with the method named;
 * neither reaches the publisher nor stops later messages.
 * <p>
 * Listeners are subscribed once the application context has started and unsubscribed when it
 * stops. They run on the store's listener threads, never on its socket I/O thread. They work on
 * proxied beans too: for a JDK proxy the method must be declared on one of the proxy's interfaces.
 *
 * <pre>{@code
 * @SharedMemoryListener("jobs.done")
 * void onDone(JobResult result) { ... }
 *
 * @SharedMemoryListener(patterns = "${app.prefix}.*")
 * void onAny(String channel, Object message) { ... }
 *
 * @SharedMemoryListener(keys = "config.*")
 * void onConfig(KeyEvent event) { ... }
 * }</pre>
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SharedMemoryListener {

    /**
     * The channels to listen to; {@code ${...}} placeholders are resolved.
     * @return channel names
     */
    @AliasFor("channels")
    String[] value() default {};

    /**
     * The channels to listen to; {@code ${...}} placeholders are resolved.
     * @return channel names
     */
    @AliasFor("value")
    String[] channels() default {};

    /**
     * Glob patterns of channels to listen to ({@code *} any run of characters, {@code ?} one
     * character); {@code ${...}} placeholders are resolved.
     * @return channel patterns
     */
    String[] patterns() default {};

    /**
     * Glob patterns of keys to watch instead of channels: the method is called with every change
     * of a matching key, in any process, as {@link io.sharedmemory.core.KeyValueStore#watch}
     * delivers it. A method with {@code keys} takes {@code ()} or {@code (KeyEvent event)} and names
     * no channel or channel pattern. {@code ${...}} placeholders are resolved.
     * @return key patterns
     */
    String[] keys() default {};
}
