package io.sharedmemory.it.child;

import java.util.Map;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.spring.SharedMemoryListener;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

/**
 * The application that integration tests start as a child JVM: it answers what main publishes.
 */
@SpringBootApplication
public class ChildTestApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(ChildTestApplication.class);
        // Stay up until stopped: the test (or the launcher) ends this JVM.
        application.setKeepAlive(true);
        application.run(args);
    }

    /** A person, converted from the Map that main publishes. */
    public record Person(String name, int age) {
    }

    @Component
    static class EchoListener {

        private final KeyValueStore store;

        EchoListener(KeyValueStore store) {
            this.store = store;
        }

        @SharedMemoryListener("it.to-child")
        void onText(String text) {
            reply("child got " + text);
        }

        @SharedMemoryListener("it.person")
        void onPerson(Person person) {
            reply("child saw " + person);
        }

        /** Counts on the shared counter, {@code times} times, then says so. */
        @SharedMemoryListener("it.count")
        void onCount(int times) {
            for (int i = 0; i < times; i++) {
                this.store.increment("it.counter", 1);
            }
            reply("child counted " + times);
        }

        /** Reads a key and tells what it holds, class included. */
        @SharedMemoryListener("it.read")
        void onRead(String key) {
            Object value = this.store.get(key);
            reply("child read " + ((value != null) ? value.getClass().getSimpleName() + " " + value : "null"));
        }

        private void reply(String text) {
            this.store.publish("it.from-child", Map.of("text", text, "pid", ProcessHandle.current().pid(),
                    "role", this.store.role().name()));
        }
    }
}
