package io.sharedmemory.it.ops;

import java.io.File;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerPortFileWriter;

/**
 * A main with a web server and Actuator, started as a JVM of its own by
 * {@code OperationsIntegrationTests} with {@code --spring.main.web-application-type=servlet} (the
 * test resources turn web servers off for the other test applications); it writes the port it
 * got to the file named by {@code --ops.port-file}.
 */
@SpringBootApplication
public class OpsTestApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(OpsTestApplication.class);
        application.addListeners(new WebServerPortFileWriter(new File(portFile(args))));
        application.run(args);
    }

    private static String portFile(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("--ops.port-file=")) {
                return arg.substring("--ops.port-file=".length());
            }
        }
        throw new IllegalArgumentException("--ops.port-file=<file> is required");
    }
}
