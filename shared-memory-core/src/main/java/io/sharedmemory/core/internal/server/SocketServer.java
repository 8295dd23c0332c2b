package io.sharedmemory.core.internal.server;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sharedmemory.core.SharedMemorySettings;
import io.sharedmemory.core.StoreObserver;
import io.sharedmemory.core.internal.persistence.Durability;
import io.sharedmemory.core.internal.pubsub.NamedThreadFactory;
import io.sharedmemory.core.internal.store.InMemoryStore;
import io.sharedmemory.core.internal.codec.ValueCodec;

/**
 * Main's socket side: binds the socket, accepts children on a named thread and gives each
 * its own {@link ChildConnection}. Closing stops accepting, closes every connection and
 * removes the socket file.
 */
final class SocketServer implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(SocketServer.class);

    /**
     * How often every child's backlog is checked against the soft window, besides each time a
     * message joins or leaves it. Only a stalled child that nothing more is published to waits
     * for this check; it holds no more than the hard limit meanwhile, and being cut up to a
     * second after the window is noise against a window of seconds.
     */
    static final long LIMIT_CHECK_INTERVAL_MILLIS = 1000;

    private final SocketBinding binding;

    private final Set<ChildConnection> connections = ConcurrentHashMap.newKeySet();

    private final AtomicInteger connectionIds = new AtomicInteger();

    private final ScheduledExecutorService timer;

    private final ServerContext context;

    private final Thread acceptor;

    private volatile boolean closed;

    private SocketServer(SharedMemorySettings settings, InMemoryStore store, MessageRouter router,
            WatchRouter watchRouter, ValueCodec codec, StoreObserver observer, Durability durability) {
        this.binding = SocketBinding.bind(settings.socketPath());
        this.timer = Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("shared-memory-timer"));
        PeerAuthenticator authenticator = new PeerAuthenticator(this.binding.owner().getName(),
                settings.allowedUsers());
        this.context = new ServerContext(settings,
                new RequestHandler(store, router, codec, settings.maxFrameSize(), observer), router, watchRouter,
                authenticator, this.timer, this.connections::remove, observer, durability);
        this.acceptor = new Thread(this::accept, "shared-memory-accept");
        this.acceptor.setDaemon(true);
    }

    /** Binds the socket and starts accepting. */
    static SocketServer start(SharedMemorySettings settings, InMemoryStore store, MessageRouter router,
            WatchRouter watchRouter, ValueCodec codec, StoreObserver observer) {
        return start(settings, store, router, watchRouter, codec, observer, Durability.NONE);
    }

    /** Binds the socket and starts accepting; replies to writes wait for {@code durability}. */
    static SocketServer start(SharedMemorySettings settings, InMemoryStore store, MessageRouter router,
            WatchRouter watchRouter, ValueCodec codec, StoreObserver observer, Durability durability) {
        SocketServer server = new SocketServer(settings, store, router, watchRouter, codec, observer, durability);
        server.timer.scheduleWithFixedDelay(server::checkLimits, LIMIT_CHECK_INTERVAL_MILLIS,
                LIMIT_CHECK_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        server.acceptor.start();
        logger.info("shared-memory main listening on {}", server.binding.path());
        return server;
    }

    private void accept() {
        while (!this.closed) {
            try {
                SocketChannel channel = this.binding.channel().accept();
                ChildConnection connection = new ChildConnection(this.connectionIds.incrementAndGet(), channel,
                        this.context);
                this.connections.add(connection);
                if (this.closed) {
                    connection.close();
                    return;
                }
                connection.start();
            }
            catch (ClosedChannelException ex) {
                return;
            }
            catch (IOException ex) {
                if (!this.closed) {
                    logger.warn("Accepting a connection failed", ex);
                }
            }
        }
    }

    /** Lets the soft window run out for children that nothing is published to any more. */
    private void checkLimits() {
        for (ChildConnection connection : this.connections) {
            try {
                connection.checkLimits();
            }
            catch (RuntimeException ex) {
                // A failed check must not end the schedule for every other child.
                logger.warn("Checking the backlog of {} failed", connection, ex);
            }
        }
    }

    Path path() {
        return this.binding.path();
    }

    int connectionCount() {
        return this.connections.size();
    }

    @Override
    public void close() {
        this.closed = true;
        // Reverse order of opening: stop accepting, drop children, release the timer, then the file.
        try {
            this.binding.channel().close();
        }
        catch (IOException ex) {
            logger.debug("Closing the server socket failed", ex);
        }
        try {
            this.acceptor.join(2000);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        for (ChildConnection connection : new ArrayList<>(this.connections)) {
            connection.shutdown();
        }
        this.timer.shutdownNow();
        this.binding.close();
        logger.info("shared-memory main stopped listening on {}", this.binding.path());
    }

    List<ChildConnection> connections() {
        return List.copyOf(this.connections);
    }

    /** The children that finished their handshake, by connection number. */
    List<ConnectedChild> children() {
        return this.connections.stream().map(ChildConnection::describe).filter((child) -> child.pid() >= 0)
                .sorted(java.util.Comparator.comparingInt(ConnectedChild::id)).toList();
    }
}
