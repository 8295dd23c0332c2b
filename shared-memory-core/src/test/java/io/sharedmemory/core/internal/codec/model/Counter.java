package io.sharedmemory.core.internal.codec.model;

import java.util.Objects;

/** A plain object with public fields only, and no-argument construction. */
public class Counter {
    public String label;
    public long count;

    @Override
    public boolean equals(Object o) {
        return o instanceof Counter c && count == c.count && Objects.equals(label, c.label);
    }

    @Override
    public int hashCode() {
        return Objects.hash(label, count);
    }
}
