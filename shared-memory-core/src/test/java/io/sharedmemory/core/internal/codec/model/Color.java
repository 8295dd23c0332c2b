package io.sharedmemory.core.internal.codec.model;

/** An enum, one constant with a body (so its runtime class is an anonymous subclass). */
public enum Color {
    RED,
    GREEN {
        @Override
        public String toString() {
            return "green";
        }
    },
    BLUE
}
