package io.sharedmemory.bench.load;

/** The keys and values every system is measured with. */
public final class Values {

    /** Keys per value size; each load thread walks them in turn. */
    public static final int KEY_COUNT = 256;

    private Values() {
    }

    /**
     * A value of ASCII characters, so its size in bytes equals its length in every encoding.
     * @param size bytes
     * @return the value
     */
    public static String value(int size) {
        return "v".repeat(size);
    }

    /**
     * The keys for one value size.
     * @param size the value size
     * @return {@link #KEY_COUNT} keys
     */
    public static String[] keys(int size) {
        String[] keys = new String[KEY_COUNT];
        for (int i = 0; i < KEY_COUNT; i++) {
            keys[i] = "bench:" + size + ":" + i;
        }
        return keys;
    }
}
