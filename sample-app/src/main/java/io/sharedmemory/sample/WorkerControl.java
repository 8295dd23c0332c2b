package io.sharedmemory.sample;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.sharedmemory.spring.SharedMemoryListener;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * A child's listener for what main says to all children.
 */
@Component
@ConditionalOnProperty(prefix = "sample", name = "part", havingValue = "worker")
class WorkerControl {

    private final CountDownLatch goodbye = new CountDownLatch(1);

    /**
     * Receives main's messages.
     * @param message what main says
     */
    @SharedMemoryListener(Channels.CONTROL)
    void onControl(String message) {
        System.out.println("main says: " + message);
        this.goodbye.countDown();
    }

    /**
     * Waits for main's goodbye.
     * @param timeout the longest wait
     * @return {@code true} if main said goodbye in time
     * @throws InterruptedException if interrupted while waiting
     */
    boolean awaitGoodbye(Duration timeout) throws InterruptedException {
        return this.goodbye.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
