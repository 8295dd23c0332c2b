package io.sharedmemory.redis;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.sharedmemory.core.SharedMemoryException;
import io.sharedmemory.core.SharedMemoryUnavailableException;

/**
 * Issues commands on the shared Lettuce connection, each bounded by the deadline of the call it
 * belongs to, whatever timeout the connection factory has (Boot's default is a minute).
 * <p>
 * Invariants: no step of a call outlives the call's deadline (a call is a deadline fixed when
 * it starts, then one or more commands; a listing takes a new deadline per page, so each page
 * is bounded, however many the store needs); a command whose deadline passed is cancelled, so
 * Lettuce drops it if it is still buffered while Redis is away; while the connection is known
 * to be down, a command fails at once rather than queueing. Every failure reaches the caller as
 * {@link SharedMemoryUnavailableException} (no reply, no connection) or {@link RedisErrorReply}
 * (Redis answered with an error).
 */
final class RedisCalls {

    private final long timeoutNanos;

    private final Duration timeout;

    private final String endpoint;

    private volatile RedisClusterAsyncCommands<byte[], byte[]> commands;

    private volatile StatefulConnection<?, ?> connection;

    RedisCalls(Duration timeout, String endpoint) {
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        this.endpoint = endpoint;
    }

    /** Publishes the connection once the connector has one; Lettuce reconnects it from then on. */
    void attach(RedisClusterAsyncCommands<byte[], byte[]> commands) {
        this.connection = statefulOf(commands);
        this.commands = commands;
    }

    boolean isConnected() {
        StatefulConnection<?, ?> current = this.connection;
        return this.commands != null && (current == null || current.isOpen());
    }

    /** A deadline for a call that starts now. */
    long deadline() {
        return System.nanoTime() + this.timeoutNanos;
    }

    /**
     * Issues one command of a call.
     * @return its reply, failed with {@link SharedMemoryUnavailableException} at the deadline
     */
    <T> CompletableFuture<T> submit(Command<T> command, long deadline) {
        RedisFuture<T> issued;
        try {
            issued = command.issue(commands());
        }
        catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(translate(ex));
        }
        return bounded(issued, deadline);
    }

    /**
     * Waits for a command issued elsewhere (on the subscriber connection), until the deadline.
     * @throws SharedMemoryUnavailableException if no reply came in time or the connection failed
     */
    <T> T await(RedisFuture<T> issued, long deadline) {
        return join(bounded(issued, deadline));
    }

    private <T> CompletableFuture<T> bounded(RedisFuture<T> issued, long deadline) {
        CompletableFuture<T> reply = new CompletableFuture<>();
        issued.whenComplete((value, failure) -> {
            if (failure == null) {
                reply.complete(value);
            }
            else {
                reply.completeExceptionally(translate(failure));
            }
        });
        reply.orTimeout(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
            .whenComplete((value, failure) -> {
                if (failure != null) {
                    // Not sent yet (Redis away): Lettuce never writes a cancelled command.
                    issued.cancel(false);
                }
            });
        return reply.exceptionallyCompose((failure) -> CompletableFuture.failedFuture(translate(failure)));
    }

    /**
     * Waits for a call's result; every step of the call is bounded by its deadline already.
     * @throws SharedMemoryUnavailableException if no reply came in time or the connection failed
     * @throws RedisErrorReply if Redis answered with an error
     */
    <T> T join(CompletableFuture<T> call) {
        try {
            return call.get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new SharedMemoryUnavailableException("Interrupted while waiting for " + this.endpoint, ex);
        }
        catch (ExecutionException ex) {
            throw translate(ex.getCause());
        }
    }


    /**
     * The commands, for a command about to be issued.
     * @throws SharedMemoryUnavailableException if the connection is not up
     */
    private RedisClusterAsyncCommands<byte[], byte[]> commands() {
        RedisClusterAsyncCommands<byte[], byte[]> current = this.commands;
        if (current == null) {
            throw new SharedMemoryUnavailableException("Not connected to " + this.endpoint
                    + " yet; connecting in the background");
        }
        StatefulConnection<?, ?> stateful = this.connection;
        if (stateful != null && !stateful.isOpen()) {
            throw new SharedMemoryUnavailableException("The connection to " + this.endpoint
                    + " is down; reconnecting in the background");
        }
        return current;
    }

    /** What a failure of Lettuce (or of our own stages) means to a caller of the store. */
    RuntimeException translate(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof SharedMemoryException known) {
            return known;
        }
        if (cause instanceof RedisCommandExecutionException reply) {
            return new RedisErrorReply(reply.getMessage(), reply);
        }
        if (cause instanceof TimeoutException) {
            return new SharedMemoryUnavailableException("No reply from " + this.endpoint
                    + " within the request timeout of " + this.timeout.toMillis() + " ms (shared-memory.request-timeout)");
        }
        if (cause instanceof CancellationException) {
            return new SharedMemoryUnavailableException("The call to " + this.endpoint + " was cancelled", cause);
        }
        if (cause instanceof RuntimeException runtime && !(cause instanceof io.lettuce.core.RedisException)) {
            // Our own mistakes (a bad argument, a codec failure) keep their type.
            return runtime;
        }
        return new SharedMemoryUnavailableException(this.endpoint + " failed the call: " + cause.getMessage(), cause);
    }

    private static StatefulConnection<?, ?> statefulOf(RedisClusterAsyncCommands<byte[], byte[]> commands) {
        if (commands instanceof RedisAsyncCommands<?, ?> standalone) {
            return standalone.getStatefulConnection();
        }
        if (commands instanceof RedisAdvancedClusterAsyncCommands<?, ?> cluster) {
            return cluster.getStatefulConnection();
        }
        // Unknown kinds of connection are not checked up front; the deadline still bounds them.
        return null;
    }

    /** One command on the async API. */
    @FunctionalInterface
    interface Command<T> {

        RedisFuture<T> issue(RedisClusterAsyncCommands<byte[], byte[]> commands);
    }

    /** Redis answered a command with an error; the message is Redis's own. */
    static final class RedisErrorReply extends SharedMemoryException {

        private static final long serialVersionUID = 1L;

        RedisErrorReply(String message, Throwable cause) {
            super(message, cause);
        }

        boolean startsWith(String code) {
            return getMessage() != null && getMessage().startsWith(code);
        }

        boolean mentions(String text) {
            return getMessage() != null && getMessage().contains(text);
        }
    }
}
