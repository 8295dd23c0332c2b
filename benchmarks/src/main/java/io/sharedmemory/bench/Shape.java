package io.sharedmemory.bench;

/**
 * How callers are spread: so many JVMs with so many threads each.
 *
 * @param jvms caller JVMs
 * @param threads caller threads per JVM
 */
public record Shape(int jvms, int threads) {

    /**
     * Parses {@code JVMSxTHREADS}, e.g. {@code 4x8}.
     * @param text the shape
     * @return the shape
     */
    public static Shape parse(String text) {
        String[] parts = text.trim().split("x");
        return new Shape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }

    /**
     * All callers: the number of Redis clients that matches.
     * @return jvms × threads
     */
    public int callers() {
        return this.jvms * this.threads;
    }

    /**
     * A label for tables.
     * @return e.g. {@code 8 threads} or {@code 4 JVMs × 8 threads}
     */
    public String label() {
        String threadsLabel = this.threads + (this.threads == 1 ? " thread" : " threads");
        return (this.jvms == 1) ? threadsLabel : this.jvms + " JVMs × " + threadsLabel;
    }
}
