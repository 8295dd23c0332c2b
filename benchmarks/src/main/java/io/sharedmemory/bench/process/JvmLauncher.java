package io.sharedmemory.bench.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts worker JVMs on this JVM's own classpath, so that every worker runs exactly the code
 * the harness was built with.
 */
public final class JvmLauncher {

    /** The JVM options every worker gets: the same heap and collector for every system measured. */
    static final List<String> WORKER_JVM_OPTIONS = List.of("-Xms256m", "-Xmx512m", "-XX:+UseG1GC",
            // The JVM's own log lines (JFR start-up, warnings) go to stdout by default, which is the protocol's.
            "-Xlog:all=warning:stderr",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.logFile=System.err");

    private final ProcessReaper reaper;
    private final Path logDirectory;
    private final Path jfrDirectory;
    private int started;

    /**
     * @param reaper tracks the started processes
     * @param logDirectory where each worker's standard error goes
     * @param jfrDirectory where workers write flight recordings, or {@code null} for none
     */
    public JvmLauncher(ProcessReaper reaper, Path logDirectory, Path jfrDirectory) {
        this.reaper = reaper;
        this.logDirectory = logDirectory;
        this.jfrDirectory = jfrDirectory;
    }

    /**
     * Starts a worker.
     * @param name a short name, used for its log and recording files
     * @param mode the worker mode, see {@link WorkerMain}
     * @param arguments {@code key=value} arguments of the mode
     * @return the running worker
     * @throws IOException if the JVM cannot be started
     */
    public synchronized WorkerProcess start(String name, String mode, List<String> arguments) throws IOException {
        String id = String.format("%03d-%s", ++this.started, name);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(WORKER_JVM_OPTIONS);
        if (this.jfrDirectory != null) {
            command.add("-XX:StartFlightRecording=settings=profile,filename="
                    + this.jfrDirectory.resolve(id + ".jfr"));
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WorkerMain.class.getName());
        command.add(mode);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(this.logDirectory.resolve(id + ".log").toFile()));
        Process process = this.reaper.track(builder.start());
        return new WorkerProcess(id, process);
    }
}
