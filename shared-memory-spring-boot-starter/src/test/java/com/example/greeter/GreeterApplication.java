package com.example.greeter;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.spring.SharedMemoryListener;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Service;

@SpringBootApplication
public class GreeterApplication {

    public static void main(String[] args) {
        SpringApplication.run(GreeterApplication.class, args);
    }
}

record Greeting(String name, long visit) {
}

@Service
class Greeter {

    private final KeyValueStore store;

    Greeter(KeyValueStore store) {
        this.store = store;
    }

    /** Call it from any process: main or child. */
    void greet(String name) {
        long visit = this.store.increment("visits", 1);   // atomic across processes
        this.store.publish("greetings", new Greeting(name, visit));
    }

    /** Runs in every process that has this bean, for every greeting published anywhere. */
    @SharedMemoryListener("greetings")
    void onGreeting(Greeting greeting) {
        System.out.println("Hello " + greeting.name() + " (visit " + greeting.visit() + ")");
    }
}
