package io.sharedmemory.bench.load;

/** The two measured key-value operations. */
public enum Op {
    /** Read one key. */
    GET,
    /** Write one key. */
    SET;

    /**
     * The lower-case name used in tables.
     * @return {@code get} or {@code set}
     */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
