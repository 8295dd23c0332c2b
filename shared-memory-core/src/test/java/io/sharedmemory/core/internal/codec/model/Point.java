package io.sharedmemory.core.internal.codec.model;

/** A record, the simplest trusted object. */
public record Point(int x, int y) {
}
