package io.sharedmemory.redis;

import java.time.Duration;
import java.util.concurrent.CancellationException;
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
 * Issues commands on the shared Lettuce connection and waits for each reply within the request
 * timeout, whatever timeout the connection factory has (Boot's default is a minute).
 * <p>
 * Invariants: a call never waits past its deadline; a command whose deadline passed is
 * cancelled, so Lettuce drops it if it is still buffered while Redis is away; while the
 * connection is known to be down, calls fail at once rather than queueing.
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
     * The commands, for a call about to be issued.
     * @throws SharedMemoryUnavailableException if the connection is not up
     */
    RedisClusterAsyncCommands<byte[], byte[]> commands() {
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

    /**
     * Waits for a reply until the deadline.
     * @throws SharedMemoryUnavailableException if no reply came in time or the connection failed
     * @throws RedisErrorReply if Redis answered with an error
     */
    <T> T await(RedisFuture<T> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        catch (TimeoutException ex) {
            future.cancel(false);
            throw new SharedMemoryUnavailableException("No reply from " + this.endpoint + " within the request timeout of "
                    + this.timeout.toMillis() + " ms");
        }
        catch (InterruptedException ex) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new SharedMemoryUnavailableException("Interrupted while waiting for " + this.endpoint, ex);
        }
        catch (CancellationException ex) {
            throw new SharedMemoryUnavailableException("The call to " + this.endpoint + " was cancelled", ex);
        }
        catch (ExecutionException ex) {
            Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
            if (cause instanceof RedisCommandExecutionException reply) {
                throw new RedisErrorReply(reply.getMessage(), reply);
            }
            throw new SharedMemoryUnavailableException(this.endpoint + " failed the call: " + cause.getMessage(), cause);
        }
    }

    /** Issues one command and waits for its reply. */
    <T> T call(Command<T> command) {
        long deadline = deadline();
        return await(command.issue(commands()), deadline);
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
    }
}
