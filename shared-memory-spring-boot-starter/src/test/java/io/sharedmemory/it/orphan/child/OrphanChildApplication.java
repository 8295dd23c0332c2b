package io.sharedmemory.it.orphan.child;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The child of {@code LaunchingParentApplication}: says when it is ready ({@code it.ready-file})
 * and when its context closed ({@code it.closed-file}), so the test can tell a clean shutdown
 * from a kill.
 */
@SpringBootApplication
public class OrphanChildApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(OrphanChildApplication.class);
        application.setKeepAlive(true);
        application.run(args);
    }

    @Component
    static class Markers {

        private final Path readyFile;

        private final Path closedFile;

        Markers(@Value("${it.ready-file}") Path readyFile, @Value("${it.closed-file}") Path closedFile) {
            this.readyFile = readyFile;
            this.closedFile = closedFile;
        }

        @EventListener(ApplicationReadyEvent.class)
        void ready() throws IOException {
            Files.writeString(this.readyFile, "ready");
        }

        @EventListener(ContextClosedEvent.class)
        void closed() throws IOException {
            Files.writeString(this.closedFile, "closed");
        }
    }
}
