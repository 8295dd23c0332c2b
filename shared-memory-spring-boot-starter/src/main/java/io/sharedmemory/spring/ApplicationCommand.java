package io.sharedmemory.spring;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.springframework.util.StringUtils;

/**
 * Works out the command that runs this application again in a new JVM, for children started
 * without an explicit command. In order of preference:
 * <ol>
 * <li>a configured main class, run with this JVM's class path;</li>
 * <li>the executable Spring Boot jar this JVM was started from ({@code java -jar app.jar}), run
 * the same way, because its nested jars are not on a plain class path;</li>
 * <li>the {@code @SpringBootApplication} class, if it has a {@code main} method;</li>
 * <li>the main class named on this JVM's command line.</li>
 * </ol>
 */
public final class ApplicationCommand {

    private final String configuredMainClass;

    private final Supplier<Class<?>> applicationClass;

    /**
     * Creates a resolver; nothing is looked up until {@link #resolve(List)}.
     * @param configuredMainClass a main class name, or {@code null} to deduce it
     * @param applicationClass supplies the application's class, or {@code null} if unknown
     */
    public ApplicationCommand(String configuredMainClass, Supplier<Class<?>> applicationClass) {
        this.configuredMainClass = configuredMainClass;
        this.applicationClass = applicationClass;
    }

    /**
     * Resolves the command: the java executable and either {@code -cp <class path> <main class>}
     * or {@code -jar <jar>}; JVM options go right after the executable.
     * @param jvmArgs JVM options
     * @return the command, ready for program arguments to be appended
     * @throws IllegalStateException if the main class cannot be told
     */
    public List<String> resolve(List<String> jvmArgs) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmArgs);
        if (StringUtils.hasText(this.configuredMainClass)) {
            return withClassPath(command, this.configuredMainClass.trim());
        }
        Path bootJar = bootJar();
        if (bootJar != null) {
            command.add("-jar");
            command.add(bootJar.toString());
            return command;
        }
        Class<?> application = (this.applicationClass != null) ? this.applicationClass.get() : null;
        if (application != null && hasMainMethod(application)) {
            return withClassPath(command, application.getName());
        }
        String launched = launchedMainClass();
        if (launched != null) {
            return withClassPath(command, launched);
        }
        throw new IllegalStateException("Cannot tell which main class a child process should run; "
                + "set 'shared-memory.launcher.main-class' or give the child a command");
    }

    /**
     * The java executable of this JVM.
     * @return its path
     */
    public static String javaExecutable() {
        return ProcessHandle.current().info().command()
            .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static List<String> withClassPath(List<String> command, String mainClass) {
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        return command;
    }

    private static String firstCommandToken() {
        String command = System.getProperty("sun.java.command");
        if (!StringUtils.hasText(command)) {
            return null;
        }
        return command.trim().split("\\s+")[0];
    }

    private static Path bootJar() {
        String first = firstCommandToken();
        if (first == null || !first.endsWith(".jar")) {
            return null;
        }
        Path jar = Path.of(first).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            return null;
        }
        // Only a Spring Boot executable jar (it names its Start-Class) is relaunched with -jar;
        // a test runner's booter jar, say, is not this application.
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return (manifest != null && manifest.getMainAttributes().getValue("Start-Class") != null) ? jar : null;
        }
        catch (IOException ex) {
            return null;
        }
    }

    private static String launchedMainClass() {
        String first = firstCommandToken();
        if (first == null || first.endsWith(".jar") || first.contains(File.separator)) {
            return null;
        }
        return first;
    }

    private static boolean hasMainMethod(Class<?> type) {
        try {
            Method main = type.getDeclaredMethod("main", String[].class);
            return Modifier.isStatic(main.getModifiers());
        }
        catch (NoSuchMethodException ex) {
            return false;
        }
    }
}
