package io.sharedmemory.bench.inprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.sharedmemory.bench.load.Values;
import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.SharedMemory;

/**
 * Main's own calls, in process, against the plain {@link ConcurrentHashMap} a single JVM would
 * use instead. Both hold the same keys and values; every call returns something so JMH keeps it.
 * The two live in separate states so that one failing to start leaves the other measured.
 */
public class InProcessBenchmark {

    /** What both states share: the keys and the value of one size. */
    @State(Scope.Benchmark)
    public abstract static class Data {

        /** Value size in bytes. */
        @Param({"32", "4096"})
        public int size;

        String[] keys;
        String value;
        private int next;

        void prepare() {
            this.keys = Values.keys(this.size);
            this.value = Values.value(this.size);
        }

        String nextKey() {
            return this.keys[this.next++ & (Values.KEY_COUNT - 1)];
        }
    }

    /** shared-memory's main store on a private socket. */
    @State(Scope.Benchmark)
    public static class MainState extends Data {

        private Path directory;
        KeyValueStore main;

        /**
         * Starts main and loads it.
         * @throws IOException if the folder cannot be made
         */
        @Setup(Level.Trial)
        public void start() throws IOException {
            prepare();
            this.directory = Files.createTempDirectory(Path.of("/tmp"), "smjmh");
            this.main = SharedMemory.builder().socketPath(this.directory.resolve("main.sock")).startMain();
            for (String key : this.keys) {
                this.main.set(key, this.value);
            }
        }

        /**
         * Stops main and removes its folder.
         * @throws IOException if the folder cannot be listed
         */
        @TearDown(Level.Trial)
        public void stop() throws IOException {
            if (this.main != null) {
                this.main.close();
            }
            try (Stream<Path> files = Files.walk(this.directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /**
     * Main with one watch on keys the benchmark never writes (a wildcard glob and a literal key):
     * what every write pays once anyone watches anything.
     */
    @State(Scope.Benchmark)
    public static class WatchedElsewhereState extends MainState {

        /**
         * Starts main and watches other keys.
         * @throws IOException if the folder cannot be made
         */
        @Override
        @Setup(Level.Trial)
        public void start() throws IOException {
            super.start();
            this.main.watch("config.*", (event) -> { });
            this.main.watch("elsewhere", (event) -> { });
        }
    }

    /**
     * Main with a watch of its own on every key the benchmark writes; the listener does nothing,
     * so what is measured is the writer's side: the event built and queued for the listener thread.
     */
    @State(Scope.Benchmark)
    public static class WatchedState extends MainState {

        /**
         * Starts main and watches the written keys.
         * @throws IOException if the folder cannot be made
         */
        @Override
        @Setup(Level.Trial)
        public void start() throws IOException {
            super.start();
            this.main.watch("bench:*", (event) -> { });
        }
    }

    /** A plain map with the same entries. */
    @State(Scope.Benchmark)
    public static class MapState extends Data {

        final ConcurrentHashMap<String, Object> map = new ConcurrentHashMap<>();

        /** Loads the map. */
        @Setup(Level.Trial)
        public void start() {
            prepare();
            for (String key : this.keys) {
                this.map.put(key, this.value);
            }
        }
    }

    /**
     * shared-memory main: get.
     * @param state the store
     * @return the value
     */
    @Benchmark
    public Object mainGet(MainState state) {
        return state.main.get(state.nextKey());
    }

    /**
     * shared-memory main: set.
     * @param state the store
     * @return the key, so the call is not dead code
     */
    @Benchmark
    public Object mainSet(MainState state) {
        String key = state.nextKey();
        state.main.set(key, state.value);
        return key;
    }

    /**
     * shared-memory main: set, while a watch exists on other keys.
     * @param state the store
     * @return the key, so the call is not dead code
     */
    @Benchmark
    public Object mainSetWatchedElsewhere(WatchedElsewhereState state) {
        String key = state.nextKey();
        state.main.set(key, state.value);
        return key;
    }

    /**
     * shared-memory main: set of a watched key.
     * @param state the store
     * @return the key, so the call is not dead code
     */
    @Benchmark
    public Object mainSetWatched(WatchedState state) {
        String key = state.nextKey();
        state.main.set(key, state.value);
        return key;
    }

    /**
     * ConcurrentHashMap: get.
     * @param state the map
     * @return the value
     */
    @Benchmark
    public Object mapGet(MapState state) {
        return state.map.get(state.nextKey());
    }

    /**
     * ConcurrentHashMap: put.
     * @param state the map
     * @return the previous value
     */
    @Benchmark
    public Object mapSet(MapState state) {
        return state.map.put(state.nextKey(), state.value);
    }
}
