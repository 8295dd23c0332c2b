package io.sharedmemory.core.internal;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.sharedmemory.core.StoreObserver;

/**
 * Times a store's calls for its {@link StoreObserver}: how long each took and how it ended,
 * blocking or asynchronous, the same way in every role that makes calls.
 */
public final class ObservedCalls {

    private final StoreObserver observer;

    /**
     * Creates the timer of one store's calls.
     * @param observer who learns of them
     */
    public ObservedCalls(StoreObserver observer) {
        this.observer = observer;
    }

    /**
     * The observer, for what is not a call (messages, disconnects).
     * @return the observer
     */
    public StoreObserver observer() {
        return this.observer;
    }

    /**
     * Makes a blocking call and reports it.
     * @param operation the operation's name
     * @param call the call
     * @param <T> the result type
     * @return what the call returned
     */
    public <T> T call(String operation, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            T result = call.get();
            this.observer.requestCompleted(operation, System.nanoTime() - start, null);
            return result;
        }
        catch (RuntimeException ex) {
            this.observer.requestCompleted(operation, System.nanoTime() - start, ex);
            throw ex;
        }
    }

    /**
     * Issues an asynchronous call and reports it when its future completes (or at once if
     * issuing it threw).
     * @param operation the operation's name
     * @param call issues the call
     * @param <T> the result type
     * @return the call's future
     */
    public <T> CompletableFuture<T> callAsync(String operation, Supplier<CompletableFuture<T>> call) {
        long start = System.nanoTime();
        CompletableFuture<T> result;
        try {
            result = call.get();
        }
        catch (RuntimeException ex) {
            this.observer.requestCompleted(operation, System.nanoTime() - start, ex);
            throw ex;
        }
        if (this.observer != StoreObserver.NONE) {
            result.whenComplete((value, failure) -> this.observer.requestCompleted(operation,
                    System.nanoTime() - start, failure));
        }
        return result;
    }
}
