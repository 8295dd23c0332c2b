package io.sharedmemory.spring;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests how {@link ApplicationCommand} works out the command that runs this application again.
 */
class ApplicationCommandTests {

    private static final String COMMAND = "sun.java.command";

    private final String classPath = System.getProperty("java.class.path");

    private String savedCommand;

    @TempDir
    Path directory;

    @BeforeEach
    void saveCommand() {
        this.savedCommand = System.getProperty(COMMAND);
    }

    @AfterEach
    void restoreCommand() {
        if (this.savedCommand != null) {
            System.setProperty(COMMAND, this.savedCommand);
        }
        else {
            System.clearProperty(COMMAND);
        }
    }

    @Test
    void configuredMainClassRunsWithThisClassPath() {
        List<String> command = new ApplicationCommand("com.example.App", () -> String.class)
            .resolve(List.of("-Xmx64m"));
        assertThat(command).containsExactly(ApplicationCommand.javaExecutable(), "-Xmx64m", "-cp", this.classPath,
                "com.example.App");
    }

    @Test
    void applicationClassWithMainMethodIsUsed() {
        System.setProperty(COMMAND, "org.example.SomeRunner arg");
        List<String> command = new ApplicationCommand(null, () -> WithMain.class).resolve(List.of());
        assertThat(command).endsWith("-cp", this.classPath, WithMain.class.getName());
    }

    @Test
    void launchedMainClassIsTheFallback() {
        System.setProperty(COMMAND, "org.example.Launched --flag");
        List<String> command = new ApplicationCommand(null, () -> Object.class).resolve(List.of());
        assertThat(command).endsWith("-cp", this.classPath, "org.example.Launched");
    }

    @Test
    void executableSpringBootJarIsLaunchedAgainWithJar() throws IOException {
        Path jar = jar("app.jar", "com.example.App");
        System.setProperty(COMMAND, jar + " --server.port=0");
        List<String> command = new ApplicationCommand(null, () -> WithMain.class).resolve(List.of("-Dx=y"));
        assertThat(command).containsExactly(ApplicationCommand.javaExecutable(), "-Dx=y", "-jar", jar.toString());
    }

    @Test
    void plainJarSuchAsATestBooterIsNotLaunchedAgain() throws IOException {
        Path jar = jar("booter.jar", null);
        System.setProperty(COMMAND, jar.toString());
        List<String> command = new ApplicationCommand(null, () -> WithMain.class).resolve(List.of());
        assertThat(command).endsWith("-cp", this.classPath, WithMain.class.getName());
    }

    private Path jar(String name, String startClass) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (startClass != null) {
            manifest.getMainAttributes().putValue("Start-Class", startClass);
        }
        Path jar = this.directory.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }

    static class WithMain {

        public static void main(String[] args) {
        }
    }
}
