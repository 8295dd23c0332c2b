package io.sharedmemory.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Runs the whole comparison and prints one markdown table; {@code benchmarks/run.sh} starts it.
 * Options are described in {@link BenchOptions#parse(String...)}.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    /**
     * Runs, prints and writes the table.
     * @param args see {@link BenchOptions#parse(String...)}
     * @throws IOException if the table cannot be written
     */
    public static void main(String[] args) throws IOException {
        BenchOptions options = BenchOptions.parse(args);
        Comparison.Report report = new Comparison(options).run();
        String markdown = render(report);
        System.out.println(markdown);
        if (options.output() != null) {
            Path output = options.output().toAbsolutePath();
            Files.createDirectories(output.getParent());
            Files.writeString(output, markdown, StandardCharsets.UTF_8);
            System.out.println("Written to " + output);
        }
        // Lettuce and JMH may leave non-daemon threads behind; the run is over.
        System.exit(0);
    }

    /**
     * The report as a markdown page.
     * @param report a run's report
     * @return markdown
     */
    public static String render(Comparison.Report report) {
        StringBuilder out = new StringBuilder();
        out.append("# shared-memory benchmark\n\n");
        out.append("Run ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append(" with `benchmarks/run.sh`. Ratios compare rows measured in this same run.\n\n");
        report.environment().forEach(line -> out.append("- ").append(line).append('\n'));
        out.append('\n').append(report.table().toMarkdown());
        return out.toString();
    }
}
