package io.sharedmemory.core.internal.store;

import io.sharedmemory.core.KeyEvent;

/**
 * Told of every change {@link InMemoryStore} applies, from inside the step that applies it
 * (the key's map operation, or a batch's exclusive hold). Hence, invariant: for one key, calls
 * come in exactly the order the changes were applied, and a reader that sees a change's result
 * may still be ahead of its call returning, never behind a later change's call.
 *
 * <p>Because it runs inside that step, an implementation must be quick (no I/O, no waiting, no
 * call back into the store) and must not throw; it typically only checks whether anyone is
 * interested in the key and hands the change to its own thread.
 *
 * <p>A key whose time to live ran out but which the expiry thread had not yet removed, and that
 * a write then replaces or a delete removes, is first reported as {@link KeyEvent.Type#EXPIRE}
 * and then as the write (with no old value) or not at all (the delete).
 */
@FunctionalInterface
public interface ChangeListener {

    /**
     * One change.
     * @param type what happened
     * @param key the key
     * @param oldBytes the encoded value before, or null if the key was absent (shared: never modify)
     * @param newBytes the encoded value after, or null for DELETE and EXPIRE (shared: never modify)
     * @param ttlNanos for SET, the time to live left in nanoseconds (0 = none); else 0
     */
    void changed(KeyEvent.Type type, String key, byte[] oldBytes, byte[] newBytes, long ttlNanos);
}
