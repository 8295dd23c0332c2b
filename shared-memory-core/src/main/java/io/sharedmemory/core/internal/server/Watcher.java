package io.sharedmemory.core.internal.server;

import io.sharedmemory.core.KeyEvent;

/** Something in main that is told of changes of the keys it watches: a child's connection or a local watch. */
interface Watcher {

    /**
     * One change of a key one of its globs matches, called from inside the store step that applies
     * it (so per key in applied order): must be quick, must not block and must not throw.
     * @param type what happened
     * @param key the key
     * @param oldBytes the encoded value before, or null (shared: never modify)
     * @param newBytes the encoded value after, or null (shared: never modify)
     * @param withValues whether one of its matching globs asked for values
     */
    void keyChanged(KeyEvent.Type type, String key, byte[] oldBytes, byte[] newBytes, boolean withValues);
}
