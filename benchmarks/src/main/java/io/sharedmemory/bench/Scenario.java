package io.sharedmemory.bench;

import io.sharedmemory.bench.load.Op;

/**
 * What is measured, independent of the system measuring it: one row group of the table.
 *
 * @param kind the kind of work
 * @param op the operation ({@code null} for pub/sub)
 * @param valueSize value or message bytes
 * @param shape how callers are spread ({@code null} for pub/sub and in-process)
 */
public record Scenario(Kind kind, Op op, int valueSize, Shape shape) {

    /** The kinds of work. */
    public enum Kind {
        /** A child's get/set to main over the socket, or the same to Redis. */
        CHILD_KV,
        /** One publisher, several subscriber JVMs. */
        PUB_SUB,
        /** Main's own get/set, in process. */
        IN_PROCESS,
        /** One process reading a whole large store from another ({@code getAll}, SCAN + MGET). */
        LARGE_GET_ALL,
        /** The memory a large store takes per key in its server. */
        MEMORY,
        /** A child's get/set to a main that logs every write, or to Redis with {@code appendonly yes}. */
        PERSISTED_KV
    }

    /**
     * A child get/set scenario.
     * @param op the operation
     * @param valueSize value bytes
     * @param shape callers
     * @return the scenario
     */
    public static Scenario childKv(Op op, int valueSize, Shape shape) {
        return new Scenario(Kind.CHILD_KV, op, valueSize, shape);
    }

    /**
     * A child get/set scenario against a persisting server.
     * @param op the operation
     * @param valueSize value bytes
     * @param shape callers
     * @return the scenario
     */
    public static Scenario persistedKv(Op op, int valueSize, Shape shape) {
        return new Scenario(Kind.PERSISTED_KV, op, valueSize, shape);
    }

    /**
     * The pub/sub scenario.
     * @param subscribers subscriber JVMs
     * @param messageSize message bytes
     * @return the scenario
     */
    public static Scenario pubSub(int subscribers, int messageSize) {
        return new Scenario(Kind.PUB_SUB, null, messageSize, new Shape(subscribers, 1));
    }

    /**
     * An in-process scenario.
     * @param op the operation
     * @param valueSize value bytes
     * @return the scenario
     */
    public static Scenario inProcess(Op op, int valueSize) {
        return new Scenario(Kind.IN_PROCESS, op, valueSize, null);
    }

    /**
     * Reading a whole store of {@code keys} keys from another process.
     * @param keys keys in the store
     * @param valueSize value bytes
     * @return the scenario; its shape is one call reading every key
     */
    public static Scenario largeGetAll(int keys, int valueSize) {
        return new Scenario(Kind.LARGE_GET_ALL, null, valueSize, new Shape(1, 1, Shape.Mode.BATCH, keys));
    }

    /**
     * The memory of a store of {@code keys} keys.
     * @param keys keys in the store
     * @param valueSize value bytes
     * @return the scenario
     */
    public static Scenario memory(int keys, int valueSize) {
        return new Scenario(Kind.MEMORY, null, valueSize, new Shape(1, 1, Shape.Mode.BATCH, keys));
    }

    /**
     * Whether this is a child scenario with one caller thread in one JVM.
     * @return {@code true} for the floor and Python comparisons
     */
    public boolean singleCaller() {
        return this.kind == Kind.CHILD_KV && this.shape.callers() == 1 && this.shape.mode() == Shape.Mode.CLOSED;
    }

    /**
     * A label for tables.
     * @return e.g. {@code child get · 4 KB · 8 threads}
     */
    public String label() {
        String size = (this.valueSize % 1024 == 0) ? (this.valueSize / 1024) + " KB" : this.valueSize + " B";
        return switch (this.kind) {
            case CHILD_KV -> "child " + this.op.label() + " · " + size + " · " + this.shape.label();
            case PUB_SUB -> "pub/sub 1 → " + this.shape.jvms() + " subscriber JVMs · " + size;
            case IN_PROCESS -> "main in-process " + this.op.label() + " · " + size;
            case LARGE_GET_ALL -> String.format(java.util.Locale.ROOT, "getAll from another process · %,d keys · %s",
                    this.shape.depth(), size);
            case PERSISTED_KV -> "child " + this.op.label() + ", persisted · " + size + " · " + this.shape.label();
            case MEMORY -> String.format(java.util.Locale.ROOT, "memory per key · %,d keys · %s", this.shape.depth(),
                    size);
        };
    }
}
