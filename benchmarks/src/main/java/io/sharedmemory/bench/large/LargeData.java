package io.sharedmemory.bench.large;

/** The keys and values of the large-store rows: the same in every system measured. */
public final class LargeData {

    /** Value size in bytes (ASCII, so characters and bytes agree). */
    public static final int VALUE_SIZE = 32;

    /** Entries per setAll / MSET while loading. */
    public static final int BATCH = 1_000;

    private LargeData() {
    }

    /**
     * The key of entry {@code i}.
     * @param i the index
     * @return e.g. {@code large:42}
     */
    public static String key(int i) {
        return "large:" + i;
    }

    /**
     * The value of entry {@code i}: its index in 32 digits, so every value is its own object.
     * @param i the index
     * @return 32 ASCII characters
     */
    public static String value(int i) {
        return String.format("%032d", i);
    }
}
