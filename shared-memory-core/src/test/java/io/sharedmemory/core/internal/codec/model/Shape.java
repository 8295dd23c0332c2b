package io.sharedmemory.core.internal.codec.model;

/** An interface: a value's class name must never be one. */
public interface Shape {
}
