package io.sharedmemory.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.it.child.ChildTestApplication;
import io.sharedmemory.it.main.MainTestApplication;
import io.sharedmemory.it.main.MainTestApplication.Reply;
import io.sharedmemory.it.main.MainTestApplication.ReplyCollector;
import io.sharedmemory.spring.ApplicationCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts a main Spring Boot context in this JVM and a real child Spring Boot JVM, and checks that
 * listeners in each process receive what the other publishes.
 */
class CrossProcessListenerIntegrationTests {

    private Path directory;

    private Path socket;

    private ConfigurableApplicationContext main;

    private Process child;

    private Path childLog;

    @BeforeEach
    void startMain() throws IOException {
        this.directory = Files.createTempDirectory(Path.of("/tmp"), "smt");
        this.socket = this.directory.resolve("s.sock");
        this.childLog = this.directory.resolve("child.log");
        this.main = new SpringApplicationBuilder(MainTestApplication.class).web(WebApplicationType.NONE)
            .run("--shared-memory.role=main", "--shared-memory.socket-path=" + this.socket);
    }

    @AfterEach
    void stopAll() throws Exception {
        try {
            if (this.child != null) {
                this.child.destroy();
                if (!this.child.waitFor(15, TimeUnit.SECONDS)) {
                    this.child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        }
        finally {
            this.main.close();
            FileSystemUtils.deleteRecursively(this.directory);
        }
    }

    @Test
    void listenersInMainAndChildReceiveWhatTheOtherPublishes() throws Exception {
        this.child = new ProcessBuilder(ApplicationCommand.javaExecutable(), "-cp",
                System.getProperty("java.class.path"), ChildTestApplication.class.getName(),
                "--shared-memory.role=child", "--shared-memory.socket-path=" + this.socket)
            .redirectErrorStream(true)
            .redirectOutput(this.childLog.toFile())
            .start();
        KeyValueStore store = this.main.getBean(KeyValueStore.class);
        ReplyCollector collector = this.main.getBean(ReplyCollector.class);

        // Pub/sub is at-most-once: until the child has connected and subscribed, pings are lost.
        awaitChild().untilAsserted(() -> {
            store.publish("it.to-child", "ping");
            assertThat(collector.hasText("child got ping")).as(this::childOutput).isTrue();
        });
        Reply reply = collector.replies.get(0);
        assertThat(reply.pid()).isEqualTo(this.child.pid());
        assertThat(reply.role()).isEqualTo("CHILD");
        assertThat(collector.channels).contains("it.from-child");

        // The child converts main's Map to its own record.
        store.publish("it.person", Map.of("name", "Ada", "age", 36));
        awaitChild().until(() -> collector.hasText("child saw Person[name=Ada, age=36]"));
        assertThat(this.child.isAlive()).isTrue();
    }

    private org.awaitility.core.ConditionFactory awaitChild() {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250));
    }

    private String childOutput() {
        try {
            return "child output:\n" + Files.readString(this.childLog);
        }
        catch (IOException ex) {
            return "no child output: " + ex;
        }
    }
}
