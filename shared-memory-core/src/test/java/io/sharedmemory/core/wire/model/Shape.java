package io.sharedmemory.core.wire.model;

/** An interface: a value's class name must never be one. */
public interface Shape {
}
