package io.sharedmemory.core.wire.model;

/** A record, the simplest trusted object. */
public record Point(int x, int y) {
}
