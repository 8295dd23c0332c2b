package io.sharedmemory.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.sharedmemory.it.child.ChildTestApplication;
import io.sharedmemory.it.ops.OpsTestApplication;
import io.sharedmemory.spring.ApplicationCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.FileSystemUtils;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What operations see over HTTP: a main JVM with Actuator and a web server, and a child JVM
 * connected to it. {@code /actuator/health} shows {@code sharedMemory} with the child counted,
 * {@code /actuator/sharedmemory} lists the child by pid with its subscriptions, and
 * {@code /actuator/metrics} has main's meters.
 */
class OperationsIntegrationTests {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final JsonMapper json = JsonMapper.builder().build();

    private final List<Process> processes = new ArrayList<>();

    private Path directory;

    private Path socket;

    @BeforeEach
    void folder() throws IOException {
        this.directory = Files.createTempDirectory(Path.of("/tmp"), "smo");
        this.socket = this.directory.resolve("s.sock");
    }

    @AfterEach
    void stopAll() throws Exception {
        // Reverse order of starting: the child, then main.
        for (int i = this.processes.size() - 1; i >= 0; i--) {
            Process process = this.processes.get(i);
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        FileSystemUtils.deleteRecursively(this.directory);
    }

    @Test
    void healthTheEndpointAndTheMetersShowMainAndItsChildOverHttp() throws Exception {
        Path portFile = this.directory.resolve("port");
        start("main", OpsTestApplication.class.getName(), "--spring.main.web-application-type=servlet",
                "--server.port=0", "--ops.port-file=" + portFile,
                "--management.endpoints.web.exposure.include=health,sharedmemory,metrics",
                "--management.endpoint.health.show-details=always",
                // Spring Data Redis is on the test class path, but no Redis runs for this main.
                "--management.health.redis.enabled=false");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(
                Files.exists(portFile) && Files.size(portFile) > 0).as(() -> output("main")).isTrue());
        String base = "http://127.0.0.1:" + Files.readString(portFile).trim() + "/actuator";

        JsonNode health = get(base + "/health");
        assertThat(health.at("/components/sharedMemory/status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/sharedMemory/details/role").asString()).isEqualTo("main");
        assertThat(health.at("/components/sharedMemory/details/children").asInt()).isZero();

        Process child = start("child", ChildTestApplication.class.getName(), "--shared-memory.role=child");
        // Connected first, then subscribed once the child's context has started its listeners.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode store = get(base + "/sharedmemory");
            assertThat(store.at("/children").size()).as(() -> output("child")).isEqualTo(1);
            assertThat(store.at("/children/0/channels").toString()).contains("it.to-child", "it.person");
        });
        JsonNode store = get(base + "/sharedmemory");
        assertThat(store.at("/role").asString()).isEqualTo("main");
        assertThat(store.at("/available").asBoolean()).isTrue();
        JsonNode seen = store.at("/children/0");
        assertThat(seen.at("/pid").asLong()).isEqualTo(child.pid());
        assertThat(seen.at("/user").asString()).isEqualTo(System.getProperty("user.name"));
        assertThat(get(base + "/health").at("/components/sharedMemory/details/children").asInt()).isEqualTo(1);

        // Main's meters: the child is counted, and main timed the subscribe requests it served.
        assertThat(get(base + "/metrics/shared.memory.children").at("/measurements/0/value").asDouble())
            .isEqualTo(1.0);
        // Main records a request just after answering it.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode requests = get(base + "/metrics/shared.memory.requests?tag=operation:subscribe");
            assertThat(requests.at("/measurements/0/statistic").asString()).isEqualTo("COUNT");
            assertThat(requests.at("/measurements/0/value").asDouble()).isGreaterThanOrEqualTo(2.0);
        });
        assertThat(get(base + "/metrics/shared.memory.keys").at("/measurements/0/value").asDouble()).isZero();
    }

    private Process start(String name, String mainClass, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(ApplicationCommand.javaExecutable(), "-cp",
                System.getProperty("java.class.path"), mainClass, "--shared-memory.socket-path=" + this.socket));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(this.directory.resolve(name + ".log").toFile())
            .start();
        this.processes.add(process);
        return process;
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = this.http.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return this.json.readTree(response.body());
    }

    private String output(String name) {
        try {
            return name + " output:\n" + Files.readString(this.directory.resolve(name + ".log"));
        }
        catch (IOException ex) {
            return "no " + name + " output: " + ex;
        }
    }
}
