package io.sharedmemory.bench.sm;

import java.nio.file.Path;
import java.util.List;

import io.sharedmemory.bench.load.KvConnection;
import io.sharedmemory.bench.load.KvTarget;
import io.sharedmemory.bench.load.Phase;

/**
 * Two child stores in one JVM, one plain and one with Micrometer meters, used in turn phase by
 * phase: the phases come in pairs (a set phase and a get phase of one value size), {@value #TURNS}
 * pairs a size: a warm-up turn (plain, not counted: the first seconds of a JVM still compile),
 * then plain, metered, metered, plain. In one JVM, the two share its JIT, its heap and its place
 * on the machine: what differs between their phases is the meters alone.
 */
public final class MeteredInTurnTarget implements KvTarget {

    private final SharedMemoryTarget plain;

    private final SharedMemoryTarget metered;

    /** Phase ends, in order; set by {@link #schedule} before any call. */
    private volatile long[] phaseEnds = new long[0];

    /**
     * Connects both stores.
     * @param socket main's socket
     */
    public MeteredInTurnTarget(Path socket) {
        this.plain = new SharedMemoryTarget(socket);
        this.metered = SharedMemoryTarget.metered(socket);
    }

    /** Pairs of phases a value size: the warm-up turn, then plain, metered, metered, plain. */
    public static final int TURNS = 5;

    /**
     * Whether pair {@code pair} of phases runs with meters.
     * @param pair the index of a (set, get) pair of phases
     * @return {@code true} for the metered store
     */
    public static boolean meteredPair(int pair) {
        int place = pair % TURNS;
        return place == 2 || place == 3;
    }

    /**
     * Whether pair {@code pair} is a warm-up turn, whose figures are not counted.
     * @param pair the index of a (set, get) pair of phases
     * @return {@code true} for the first turn of each size
     */
    public static boolean warmUpPair(int pair) {
        return pair % TURNS == 0;
    }

    /**
     * Learns when each phase ends, once the start instant is known.
     * @param phases the phases, in order
     */
    public void schedule(List<Phase> phases) {
        this.phaseEnds = phases.stream().mapToLong(Phase::measureEnd).toArray();
    }

    @Override
    public KvConnection connect() throws Exception {
        KvConnection plainConnection = this.plain.connect();
        KvConnection meteredConnection = this.metered.connect();
        return new KvConnection() {
            private KvConnection now() {
                long[] ends = MeteredInTurnTarget.this.phaseEnds;
                long at = System.nanoTime();
                int phase = 0;
                while (phase < ends.length - 1 && at >= ends[phase]) {
                    phase++;
                }
                return meteredPair(phase / 2) ? meteredConnection : plainConnection;
            }

            @Override
            public Object get(String key) {
                return now().get(key);
            }

            @Override
            public void set(String key, String value) {
                now().set(key, value);
            }

            @Override
            public void pipelined(boolean get, String[] keys, String value) {
                now().pipelined(get, keys, value);
            }

            @Override
            public void batch(boolean get, String[] keys, String value) {
                now().batch(get, keys, value);
            }

            @Override
            public void close() {
                plainConnection.close();
                meteredConnection.close();
            }
        };
    }

    @Override
    public void close() {
        this.metered.close();
        this.plain.close();
    }
}
