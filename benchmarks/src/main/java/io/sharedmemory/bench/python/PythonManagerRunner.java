package io.sharedmemory.bench.python;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.sharedmemory.bench.load.Op;
import io.sharedmemory.bench.process.ProcessReaper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs {@code manager_bench.py} (shipped inside this module's jar) with python3: the
 * {@code multiprocessing.Manager().dict()} that the Python original shares state with.
 */
public final class PythonManagerRunner {

    /** One phase the script measured. */
    public record Row(Op op, int valueSize, double opsPerSecond, double p50Micros, double p99Micros,
            String pythonVersion) {
    }

    private static final String SCRIPT = "/python/manager_bench.py";

    private final Path python;
    private final Path directory;
    private final ProcessReaper reaper;

    /**
     * @param python the python3 binary
     * @param directory where to unpack the script
     * @param reaper ends python if the harness is interrupted
     */
    public PythonManagerRunner(Path python, Path directory, ProcessReaper reaper) {
        this.python = python;
        this.directory = directory;
        this.reaper = reaper;
    }

    /**
     * Runs the script.
     * @param sizes value sizes
     * @param warmupSeconds warm-up per phase
     * @param measureSeconds measured time per phase
     * @return one row per size and operation
     * @throws IOException if python fails
     */
    public List<Row> run(List<Integer> sizes, double warmupSeconds, double measureSeconds) throws IOException {
        Path script = this.directory.resolve("manager_bench.py");
        try (InputStream in = PythonManagerRunner.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IOException(SCRIPT + " is not on the classpath");
            }
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = List.of(this.python.toString(), script.toString(),
                "--sizes", String.join(",", sizes.stream().map(String::valueOf).toList()),
                "--warmup", String.format(Locale.ROOT, "%.3f", warmupSeconds),
                "--duration", String.format(Locale.ROOT, "%.3f", measureSeconds));
        Process process = this.reaper.track(new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(this.directory.resolve("python.log").toFile()))
                .start());
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("manager_bench.py failed; see python.log. Output: " + output);
            }
            return parse(output);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ex);
        }
        finally {
            ProcessReaper.stop(process);
        }
    }

    static List<Row> parse(String output) {
        ObjectMapper json = new ObjectMapper();
        List<Row> rows = new ArrayList<>();
        for (String line : output.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = json.readTree(line);
            rows.add(new Row(Op.valueOf(node.get("op").asString().toUpperCase(Locale.ROOT)), node.get("size").asInt(),
                    node.get("ops_per_sec").asDouble(), node.get("p50_us").asDouble(), node.get("p99_us").asDouble(),
                    node.get("python").asString()));
        }
        return rows;
    }
}
