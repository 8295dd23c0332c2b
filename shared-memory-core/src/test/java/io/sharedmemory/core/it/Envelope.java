package io.sharedmemory.core.it;

/**
 * A trusted record with an untyped field: JSON that names classes inside it must still come
 * back as plain maps, lists and strings.
 * @param payload anything
 */
public record Envelope(Object payload) {
}
