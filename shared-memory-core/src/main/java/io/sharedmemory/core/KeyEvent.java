package io.sharedmemory.core;

import java.util.Objects;

/**
 * One change of a watched key, as {@link KeyValueStore#watch} delivers it: what happened, to
 * which key, and the values before and after.
 *
 * @param type what happened
 * @param key the key that changed
 * @param oldValue the value before the change, or {@code null} if the key was absent
 * @param newValue the value after the change, or {@code null} for {@link Type#DELETE} and
 *        {@link Type#EXPIRE}
 */
public record KeyEvent(Type type, String key, Object oldValue, Object newValue) {

    /**
     * Checks the parts.
     * @throws NullPointerException if {@code type} or {@code key} is null
     */
    public KeyEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
    }

    /** What happened to a key. */
    public enum Type {
        /**
         * A write stored a value: {@code set}, {@code setAll}, a successful {@code setIfAbsent}
         * or {@code compareAndSet}, or {@code increment}.
         */
        SET,
        /** {@code delete} removed a present key. */
        DELETE,
        /** The key's time to live ran out. */
        EXPIRE
    }
}
