package io.sharedmemory.core.internal.codec.untrusted;

import java.util.concurrent.atomic.AtomicBoolean;

/** A class outside the trusted packages whose initialization is observable. */
public class Bomb {
    /** Set when the class is initialized; lives elsewhere so reading it does not initialize Bomb. */
    public static final AtomicBoolean INITIALIZED = Witness.FLAG;

    static {
        Witness.FLAG.set(true);
    }

    public String fuse;

    /** Holds the flag without touching Bomb. */
    public static final class Witness {
        public static final AtomicBoolean FLAG = new AtomicBoolean();

        private Witness() {
        }
    }
}
