package io.sharedmemory.core.internal.store;

import java.util.Arrays;
import java.util.Objects;

import io.sharedmemory.core.KeyEvent;

/**
 * The store's {@link ChangeListener}s, and the translation of map entries into their calls.
 * Every method but {@link #add} is called from inside the map operation that applies the change.
 * With no listener, {@link #active()} is one volatile read and the store takes its plain paths.
 */
final class ChangeFeed {

    private static final ChangeListener[] NONE = {};

    private final ExpiryIndex expiry;
    /** Copy-on-write: adding or removing a listener is rare, telling them is not. */
    private volatile ChangeListener[] listeners = NONE;

    ChangeFeed(ExpiryIndex expiry) {
        this.expiry = expiry;
    }

    boolean active() {
        return listeners.length != 0;
    }

    /** Adds a listener; the returned action removes it again (idempotent). */
    synchronized Runnable add(ChangeListener listener) {
        Objects.requireNonNull(listener, "listener");
        ChangeListener[] grown = Arrays.copyOf(listeners, listeners.length + 1);
        grown[grown.length - 1] = listener;
        listeners = grown;
        return () -> remove(listener);
    }

    private synchronized void remove(ChangeListener listener) {
        ChangeListener[] current = listeners;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == listener) {
                ChangeListener[] shrunk = new ChangeListener[current.length - 1];
                System.arraycopy(current, 0, shrunk, 0, i);
                System.arraycopy(current, i + 1, shrunk, i, current.length - i - 1);
                listeners = shrunk;
                return;
            }
        }
    }

    /** A write replaced {@code old} (a map entry, or null) with {@code updated} (a map entry). */
    void stored(String key, Object old, Object updated) {
        ChangeListener[] current = listeners;
        if (current.length == 0) {
            return;
        }
        byte[] before = null;
        if (old != null) {
            if (isLive(old)) {
                before = bytesOf(old);
            } else {
                tell(current, KeyEvent.Type.EXPIRE, key, bytesOf(old), null, 0);
            }
        }
        long ttl = updated instanceof Expiring e ? Math.max(1, e.deadline - expiry.now()) : 0;
        tell(current, KeyEvent.Type.SET, key, before, bytesOf(updated), ttl);
    }

    /** A delete removed {@code old} (a map entry): a DELETE if it was live, else its EXPIRE. */
    void removed(String key, Object old) {
        ChangeListener[] current = listeners;
        if (current.length != 0) {
            tell(current, isLive(old) ? KeyEvent.Type.DELETE : KeyEvent.Type.EXPIRE, key, bytesOf(old), null, 0);
        }
    }

    /** The expiry thread removed {@code old} (a map entry) when its deadline passed. */
    void expired(String key, Object old) {
        ChangeListener[] current = listeners;
        if (current.length != 0) {
            tell(current, KeyEvent.Type.EXPIRE, key, bytesOf(old), null, 0);
        }
    }

    private static void tell(ChangeListener[] current, KeyEvent.Type type, String key, byte[] oldBytes,
            byte[] newBytes, long ttlNanos) {
        for (ChangeListener listener : current) {
            listener.changed(type, key, oldBytes, newBytes, ttlNanos);
        }
    }

    private boolean isLive(Object entry) {
        return !(entry instanceof Expiring e) || e.deadline > expiry.now();
    }

    private static byte[] bytesOf(Object entry) {
        return StoredValue.bytesOfHeld(entry instanceof Expiring e ? e.value : entry);
    }
}
