package io.sharedmemory.it.main;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sharedmemory.spring.SharedMemoryListener;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

/**
 * The main side of the integration tests: collects what children publish.
 */
@SpringBootApplication
public class MainTestApplication {

    /** A child's reply, converted from the Map it publishes. */
    public record Reply(String text, long pid, String role) {
    }

    @Component
    public static class ReplyCollector {

        public final List<String> channels = new CopyOnWriteArrayList<>();

        public final List<Reply> replies = new CopyOnWriteArrayList<>();

        @SharedMemoryListener(patterns = "it.from-*")
        void onReply(String channel, Reply reply) {
            this.channels.add(channel);
            this.replies.add(reply);
        }

        public boolean hasText(String text) {
            return this.replies.stream().anyMatch((reply) -> reply.text().equals(text));
        }
    }
}
