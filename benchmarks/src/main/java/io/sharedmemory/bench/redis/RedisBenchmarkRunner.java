package io.sharedmemory.bench.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.sharedmemory.bench.Shape;
import io.sharedmemory.bench.load.Op;
import io.sharedmemory.bench.process.CpuTime;
import io.sharedmemory.bench.process.ProcessReaper;

/**
 * Runs redis-benchmark, the Redis team's own C client, and reads its CSV. Without {@code -P}
 * it does not pipeline: each of its clients waits for a reply before it sends again, like the
 * caller threads of the other rows.
 */
public final class RedisBenchmarkRunner {

    /** One row of redis-benchmark's CSV. */
    public record Row(double opsPerSecond, double p50Micros, double p99Micros, double cpuMicrosPerOp) {

        Row withCpu(double micros) {
            return new Row(this.opsPerSecond, this.p50Micros, this.p99Micros, micros);
        }
    }

    private final Path executable;
    private final Path socket;
    private final long serverPid;
    private final ProcessReaper reaper;

    /**
     * @param executable the redis-benchmark binary
     * @param socket redis-server's socket
     * @param reaper ends it if the harness is interrupted
     */
    public RedisBenchmarkRunner(Path executable, Path socket, long serverPid, ProcessReaper reaper) {
        this.executable = executable;
        this.socket = socket;
        this.serverPid = serverPid;
        this.reaper = reaper;
    }

    /**
     * Measures {@code SET} then {@code GET} for one value size and client count, for about the
     * given time each. redis-benchmark counts requests, not time, so a short first run both warms
     * the server up and tells how many requests fill the time.
     * @param clients parallel connections ({@code -c})
     * @param valueSize value bytes ({@code -d})
     * @param seconds roughly how long each operation should run
     * @param probeRequests requests of the calibrating run
     * @return the rows by operation
     * @throws IOException if redis-benchmark fails
     */
    public Map<Op, Row> run(Shape shape, int valueSize, double seconds, int probeRequests) throws IOException {
        if (shape.mode() == Shape.Mode.BATCH) {
            // MGET/MSET of the batch's keys, as custom commands: one row each. MSET first, so
            // that MGET reads values of the row's size rather than absent keys (nil replies).
            Map<Op, Row> rows = new EnumMap<>(Op.class);
            for (Op op : List.of(Op.SET, Op.GET)) {
                List<String> batch = batchCommand(op, shape.depth(), valueSize);
                Row probe = single(runOnce(shape, batch, Math.max(100, probeRequests / shape.depth())));
                int requests = (int) Math.max(100, Math.min(50_000_000, probe.opsPerSecond() * seconds));
                long cpu = cpuNow();
                Row row = single(runOnce(shape, batch, requests));
                rows.put(op, row.withCpu((cpuNow() - cpu) / 1000.0 / requests));
            }
            return rows;
        }
        List<String> test = List.of("-d", String.valueOf(valueSize), "-r", "256", "-t", "set,get");
        Map<Op, Row> probe = parse(runOnce(shape, test, probeRequests));
        double slower = Math.min(probe.get(Op.SET).opsPerSecond(), probe.get(Op.GET).opsPerSecond());
        int requests = (int) Math.max(probeRequests, Math.min(50_000_000, slower * seconds));
        long cpu = cpuNow();
        Map<Op, Row> rows = parse(runOnce(shape, test, requests));
        // One run does both tests: its CPU is shared out per request, the same for both rows.
        double perRequest = (cpuNow() - cpu) / 1000.0 / (2.0 * requests);
        rows.replaceAll((op, row) -> row.withCpu(perRequest));
        return rows;
    }

    /** redis-server's CPU so far, and that of every redis-benchmark that has exited. */
    private long cpuNow() {
        return CpuTime.of(List.of(this.serverPid)) + CpuTime.ofExitedChildren();
    }

    /** How a shape was driven, for the table's notes. */
    public static String describe(Shape shape) {
        return switch (shape.mode()) {
            case CLOSED -> "-c " + shape.callers();
            case PIPELINED -> "-c " + shape.callers() + " -P " + shape.depth();
            case BATCH -> "-c " + shape.callers() + ", MGET/MSET of " + shape.depth() + " keys";
        };
    }

    private static List<String> batchCommand(Op op, int keys, int valueSize) {
        List<String> command = new ArrayList<>();
        command.add(op == Op.GET ? "MGET" : "MSET");
        String value = "v".repeat(valueSize);
        for (int i = 0; i < keys; i++) {
            command.add("bench:" + valueSize + ":" + i);
            if (op == Op.SET) {
                command.add(value);
            }
        }
        return command;
    }

    private String runOnce(Shape shape, List<String> test, int requests) throws IOException {
        List<String> command = new ArrayList<>(List.of(this.executable.toString(), "-s", this.socket.toString(),
                "-n", String.valueOf(requests), "-c", String.valueOf(shape.callers()), "--csv"));
        if (shape.mode() == Shape.Mode.PIPELINED) {
            command.addAll(List.of("-P", String.valueOf(shape.depth())));
        }
        command.addAll(test);
        Process process = this.reaper.track(new ProcessBuilder(command).redirectErrorStream(true).start());
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("redis-benchmark failed: " + output);
            }
            return output;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ex);
        }
        finally {
            ProcessReaper.stop(process);
        }
    }

    /**
     * Reads redis-benchmark's {@code --csv} output:
     * {@code "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"}.
     * @param csv the output
     * @return the rows by operation
     * @throws IOException if a test is missing
     */
    /** The one data row of a custom command's {@code --csv} output. */
    static Row single(String csv) throws IOException {
        Map<String, Row> rows = rows(csv);
        if (rows.isEmpty()) {
            throw new IOException("redis-benchmark printed no row: " + csv);
        }
        return rows.values().iterator().next();
    }

    /** Every data row of {@code --csv} output, by its test name. */
    private static Map<String, Row> rows(String csv) {
        Map<String, Row> rows = new LinkedHashMap<>();
        List<String> header = null;
        for (String line : csv.split("\\R")) {
            List<String> cells = cells(line);
            if (cells.isEmpty()) {
                continue;
            }
            if (cells.get(0).equals("test")) {
                header = cells;
            }
            else if (header != null) {
                rows.put(cells.get(0).toUpperCase(Locale.ROOT), row(header, cells));
            }
        }
        return rows;
    }

    private static Row row(List<String> header, List<String> cells) {
        double rps = Double.parseDouble(cells.get(header.indexOf("rps")));
        double p50 = Double.parseDouble(cells.get(header.indexOf("p50_latency_ms"))) * 1000;
        double p99 = Double.parseDouble(cells.get(header.indexOf("p99_latency_ms"))) * 1000;
        return new Row(rps, p50, p99, Double.NaN);
    }

    static Map<Op, Row> parse(String csv) throws IOException {
        Map<Op, Row> rows = new EnumMap<>(Op.class);
        rows(csv).forEach((test, row) -> {
            if (test.equals("SET") || test.equals("GET")) {
                rows.put(Op.valueOf(test), row);
            }
        });
        if (rows.size() != 2) {
            throw new IOException("redis-benchmark printed no SET/GET rows: " + csv);
        }
        return rows;
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        if (!line.startsWith("\"")) {
            return cells;
        }
        for (String cell : line.split(",")) {
            cells.add(cell.replace("\"", "").trim());
        }
        return cells;
    }
}
