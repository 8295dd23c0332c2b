package io.sharedmemory.spring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link ChildProcessLauncher} should start. By default a child runs this application's own
 * main class (or executable jar) with {@code --shared-memory.role=child} and the socket path;
 * {@link Builder#command(List)} replaces that with any program, which then learns its role and
 * socket from the environment variables {@code SHARED_MEMORY_ROLE} and
 * {@code SHARED_MEMORY_SOCKET_PATH} (a Spring Boot child binds them as its properties).
 *
 * @param name a short name for logs and the output prefix; {@code null} to number children
 * @param command the full command, or empty to run this application again
 * @param jvmArgs JVM options placed before the main class (default command only)
 * @param args program arguments appended to the command (after the shared-memory ones by default)
 * @param environment extra environment variables
 * @param workingDirectory the child's working directory, or {@code null} for this process's
 * @param output what happens to the child's standard output and error
 */
public record ChildProcessSpec(String name, List<String> command, List<String> jvmArgs, List<String> args,
        Map<String, String> environment, Path workingDirectory, Output output) {

    /**
     * Validates and copies the spec.
     * @param name a short name, or {@code null}
     * @param command the full command, or empty
     * @param jvmArgs JVM options
     * @param args program arguments
     * @param environment extra environment variables
     * @param workingDirectory the working directory, or {@code null}
     * @param output the output mode
     */
    public ChildProcessSpec {
        command = List.copyOf(command);
        jvmArgs = List.copyOf(jvmArgs);
        args = List.copyOf(args);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(output, "output");
    }

    /**
     * Starts a spec for this application's own main class.
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Where a child's standard output and error go. */
    public enum Output {

        /** Copied line by line to this process's standard output, each line prefixed with {@code [name] }. */
        PREFIXED,
        /** Written straight to this process's standard output and error. */
        INHERIT,
        /** Thrown away. */
        DISCARD
    }

    /** Builds a {@link ChildProcessSpec}. Not thread-safe. */
    public static final class Builder {

        private String name;

        private List<String> command = List.of();

        private final List<String> jvmArgs = new ArrayList<>();

        private final List<String> args = new ArrayList<>();

        private final Map<String, String> environment = new LinkedHashMap<>();

        private Path workingDirectory;

        private Output output = Output.PREFIXED;

        private Builder() {
        }

        /**
         * Names the child.
         * @param name a short name such as {@code worker-1}
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Runs a given program instead of this application.
         * @param command the program and its arguments
         * @return this builder
         */
        public Builder command(List<String> command) {
            this.command = List.copyOf(command);
            return this;
        }

        /**
         * Adds JVM options for the default command, such as {@code -Xmx256m}.
         * @param jvmArgs options
         * @return this builder
         */
        public Builder jvmArgs(String... jvmArgs) {
            this.jvmArgs.addAll(Arrays.asList(jvmArgs));
            return this;
        }

        /**
         * Adds program arguments, such as {@code --app.worker-name=w1}.
         * @param args arguments
         * @return this builder
         */
        public Builder args(String... args) {
            this.args.addAll(Arrays.asList(args));
            return this;
        }

        /**
         * Adds an environment variable.
         * @param name the variable
         * @param value its value
         * @return this builder
         */
        public Builder environment(String name, String value) {
            this.environment.put(name, value);
            return this;
        }

        /**
         * Sets the working directory.
         * @param workingDirectory the directory
         * @return this builder
         */
        public Builder workingDirectory(Path workingDirectory) {
            this.workingDirectory = workingDirectory;
            return this;
        }

        /**
         * Chooses where the child's output goes; {@link Output#PREFIXED} by default.
         * @param output the output mode
         * @return this builder
         */
        public Builder output(Output output) {
            this.output = output;
            return this;
        }

        /**
         * Builds the spec.
         * @return the spec
         */
        public ChildProcessSpec build() {
            return new ChildProcessSpec(this.name, this.command, this.jvmArgs, this.args, this.environment,
                    this.workingDirectory, this.output);
        }
    }
}
