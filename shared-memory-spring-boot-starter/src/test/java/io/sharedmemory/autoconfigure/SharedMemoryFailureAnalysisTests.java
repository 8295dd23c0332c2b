package io.sharedmemory.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import io.sharedmemory.core.InvalidSocketPathException;
import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.SocketInUseException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Tests that bad configuration fails startup with an analysis that names the property and says
 * what to do, both through the analyzers directly and as Spring Boot prints it.
 */
@ExtendWith(OutputCaptureExtension.class)
class SharedMemoryFailureAnalysisTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SharedMemoryAutoConfiguration.class));

    /** Under java.io.tmpdir (/tmp here), short enough for a socket path. */
    @TempDir
    Path directory;

    private Path socket;

    @BeforeEach
    void socketPath() {
        this.socket = this.directory.resolve("s.sock");
    }

    @Test
    void unknownRoleIsAnalyzedNamingTheProperty() {
        this.runner.withPropertyValues("shared-memory.role=boss", "shared-memory.socket-path=" + this.socket)
            .run((context) -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = new SharedMemoryRoleFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).contains("'boss'").contains("'shared-memory.role'");
                assertThat(analysis.getAction()).contains("'shared-memory.role'").contains("main, child or redis");
                assertThat(analysis.getCause()).isInstanceOf(BindException.class);
            });
    }

    @Test
    void otherBindFailuresAreLeftToSpringBoot() {
        this.runner.withPropertyValues("shared-memory.request-timeout=soon", "shared-memory.socket-path=" + this.socket)
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(new SharedMemoryRoleFailureAnalyzer().analyze(context.getStartupFailure())).isNull();
            });
    }

    @Test
    void tooLongSocketPathFailsBeforeTheStoreIsCreated() {
        Path tooLong = this.directory.resolve("a".repeat(60)).resolve("b".repeat(40) + ".sock");
        this.runner.withPropertyValues("shared-memory.socket-path=" + tooLong).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(InvalidSocketPathException.class);
            FailureAnalysis analysis = new InvalidSocketPathFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("'shared-memory.socket-path'").contains(tooLong.toString())
                .contains("107 bytes");
            assertThat(analysis.getAction()).contains("'shared-memory.socket-path'").contains("shorter path");
            // Validated before the store existed: its folder was never created.
            assertThat(tooLong.getParent()).doesNotExist();
        });
    }

    @Test
    void socketPathLengthCountsUtf8Bytes() {
        // 60 characters, but 120 bytes: the kernel counts bytes.
        Path wide = this.directory.resolve("é".repeat(60));
        assertThat(wide.toString().length()).isLessThan(InvalidSocketPathException.MAX_PATH_BYTES);
        this.runner.withPropertyValues("shared-memory.socket-path=" + wide)
            .run((context) -> assertThat(context.getStartupFailure())
                .hasRootCauseInstanceOf(InvalidSocketPathException.class));
    }

    @Test
    void socketHeldByLiveMainIsAnalyzedAndLeftAlone() {
        try (SharedMemoryStore other = SharedMemory.builder().socketPath(this.socket).startMain()) {
            other.set("owner", "other");
            this.runner.withPropertyValues("shared-memory.socket-path=" + this.socket).run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(SocketInUseException.class);
                FailureAnalysis analysis = new SocketInUseFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains(this.socket.toString())
                    .contains("'shared-memory.socket-path'");
                assertThat(analysis.getAction()).contains("'shared-memory.socket-path'")
                    .contains("'shared-memory.role=child'");
            });
            // The failed application must not have removed or taken over the live main's socket.
            assertThat(this.socket).exists();
            try (SharedMemoryStore child = SharedMemory.builder().socketPath(this.socket).connectChild()) {
                await().atMost(Duration.ofSeconds(10)).until(child::isAvailable);
                assertThat(child.get("owner")).isEqualTo("other");
            }
        }
    }

    @Test
    void outOfRangeValuesFailNamingTheProperty() {
        assertInvalid("shared-memory.max-frame-size=3GB", "shared-memory.max-frame-size");
        assertInvalid("shared-memory.max-frame-size=10B", "shared-memory.max-frame-size");
        assertInvalid("shared-memory.request-timeout=0s", "shared-memory.request-timeout");
        assertInvalid("shared-memory.max-pending-messages=0", "shared-memory.max-pending-messages");
    }

    @Test
    void outOfRangeSubscriberLimitsFailNamingTheProperty() {
        assertInvalid("shared-memory.subscriber-limits.hard=8MB", "shared-memory.subscriber-limits.hard",
                "at least the frame limit (16777216 bytes)");
        assertInvalid("shared-memory.subscriber-limits.soft=33MB", "shared-memory.subscriber-limits.soft",
                "between 1 byte and the hard limit (33554432 bytes)");
        assertInvalid("shared-memory.subscriber-limits.soft=0", "shared-memory.subscriber-limits.soft", "between 1 byte");
        assertInvalid("shared-memory.subscriber-limits.soft-duration=-1s",
                "shared-memory.subscriber-limits.soft-duration", "must not be negative");
    }

    private void assertInvalid(String property, String name) {
        assertInvalid(property, name, "");
    }

    private void assertInvalid(String property, String name, String reason) {
        this.runner.withPropertyValues(property, "shared-memory.socket-path=" + this.socket).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
                    assertThat(ex.getName()).isEqualTo(name);
                    assertThat(ex.getReason()).contains(reason);
                });
        });
    }

    @Test
    void springBootPrintsTheRoleAnalysis(CapturedOutput output) {
        assertStartupFails("--shared-memory.role=boss", "--shared-memory.socket-path=" + this.socket);
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("The value 'boss' of 'shared-memory.role' is not a shared-memory role.")
            .contains("Set 'shared-memory.role' to main, child or redis");
    }

    @Test
    void springBootPrintsTheSocketPathAnalysis(CapturedOutput output) {
        Path tooLong = this.directory.resolve("x".repeat(110));
        assertStartupFails("--shared-memory.socket-path=" + tooLong);
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("The socket path configured by 'shared-memory.socket-path' cannot be used.")
            .contains("Set 'shared-memory.socket-path' to a shorter path");
    }

    @Test
    void springBootPrintsTheSocketInUseAnalysis(CapturedOutput output) {
        try (SharedMemoryStore other = SharedMemory.builder().socketPath(this.socket).startMain()) {
            assertStartupFails("--shared-memory.socket-path=" + this.socket);
            assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("another live main process is serving the socket " + this.socket)
                .contains("Stop the other main process");
        }
    }

    private static void assertStartupFails(String... args) {
        SpringApplication application = new SpringApplication(FailingApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatException().isThrownBy(() -> application.run(args).close());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class FailingApplication {

    }
}
