package io.sharedmemory.bench;

/**
 * How the callers of a child row are laid out, and how each of them calls.
 *
 * @param jvms child JVMs
 * @param threads caller threads per JVM
 * @param mode one call at a time, several in flight, or batches
 * @param depth calls in flight ({@link Mode#PIPELINED}) or keys per batch ({@link Mode#BATCH}); 1 otherwise
 */
public record Shape(int jvms, int threads, Mode mode, int depth) {

    /** How a caller thread calls. */
    public enum Mode {
        /** One call, then the next when it returned. */
        CLOSED,
        /** {@code depth} asynchronous calls in flight, then the next window. */
        PIPELINED,
        /** One call reading or writing {@code depth} keys at once. */
        BATCH
    }

    /**
     * One call at a time.
     * @param jvms child JVMs
     * @param threads caller threads per JVM
     */
    public Shape(int jvms, int threads) {
        this(jvms, threads, Mode.CLOSED, 1);
    }

    /**
     * Parses {@code 4x8} (closed loop), {@code 1x1p16} (16 in flight) or {@code 1x1b100}
     * (batches of 100 keys).
     * @param text the shape
     * @return the shape
     */
    public static Shape parse(String text) {
        String[] parts = text.trim().split("x");
        String threads = parts[1];
        for (Mode mode : new Mode[] { Mode.PIPELINED, Mode.BATCH }) {
            int at = threads.indexOf((mode == Mode.PIPELINED) ? 'p' : 'b');
            if (at > 0) {
                return new Shape(Integer.parseInt(parts[0]), Integer.parseInt(threads.substring(0, at)), mode,
                        Integer.parseInt(threads.substring(at + 1)));
            }
        }
        return new Shape(Integer.parseInt(parts[0]), Integer.parseInt(threads));
    }

    /**
     * All caller threads.
     * @return jvms × threads
     */
    public int callers() {
        return this.jvms * this.threads;
    }

    /**
     * Redis commands one measured call stands for: {@code depth} in flight count as that many,
     * a batch is one command ({@code MGET}/{@code MSET}) like one {@code getAll}/{@code setAll}.
     * @return commands per call
     */
    public int commandsPerCall() {
        return (this.mode == Mode.PIPELINED) ? this.depth : 1;
    }

    /**
     * A label for tables.
     * @return e.g. {@code 4 JVMs × 8 threads}
     */
    public String label() {
        String threadsLabel = this.threads + (this.threads == 1 ? " thread" : " threads");
        String layout = (this.jvms == 1) ? threadsLabel : this.jvms + " JVMs × " + threadsLabel;
        return switch (this.mode) {
            case CLOSED -> layout;
            case PIPELINED -> layout + ", " + this.depth + " in flight (async)";
            case BATCH -> layout + ", batches of " + this.depth + " keys";
        };
    }
}
