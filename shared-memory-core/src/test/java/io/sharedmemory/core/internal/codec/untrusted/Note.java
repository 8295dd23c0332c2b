package io.sharedmemory.core.internal.codec.untrusted;

/** A harmless record in a package the tests do not trust. */
public record Note(String text) {
}
