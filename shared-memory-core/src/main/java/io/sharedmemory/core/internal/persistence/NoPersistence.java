package io.sharedmemory.core.internal.persistence;

/** Mode {@code none}: nothing is read or written. */
final class NoPersistence implements Persistence {

    @Override
    public void open() {
    }

    @Override
    public Durability durability() {
        return Durability.NONE;
    }

    @Override
    public void close() {
    }
}
