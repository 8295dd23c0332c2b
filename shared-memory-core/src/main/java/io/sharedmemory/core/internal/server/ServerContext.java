package io.sharedmemory.core.internal.server;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.sharedmemory.core.SharedMemorySettings;
import io.sharedmemory.core.StoreObserver;
import io.sharedmemory.core.internal.persistence.Durability;

/** What every child connection shares: settings, request handling, routing, bookkeeping. */
final class ServerContext {

    /** How long a new connection may take to say HELLO before it is dropped. */
    static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private final SharedMemorySettings settings;

    private final RequestHandler requestHandler;

    private final MessageRouter router;

    private final WatchRouter watchRouter;

    private final PeerAuthenticator authenticator;

    private final ScheduledExecutorService timer;

    private final Consumer<ChildConnection> onClose;

    private final StoreObserver observer;

    private final Durability durability;

    ServerContext(SharedMemorySettings settings, RequestHandler requestHandler, MessageRouter router,
            WatchRouter watchRouter, PeerAuthenticator authenticator, ScheduledExecutorService timer,
            Consumer<ChildConnection> onClose, StoreObserver observer, Durability durability) {
        this.observer = observer;
        this.durability = durability;
        this.settings = settings;
        this.requestHandler = requestHandler;
        this.router = router;
        this.watchRouter = watchRouter;
        this.authenticator = authenticator;
        this.timer = timer;
        this.onClose = onClose;
    }

    SharedMemorySettings settings() {
        return this.settings;
    }

    RequestHandler requestHandler() {
        return this.requestHandler;
    }

    MessageRouter router() {
        return this.router;
    }

    WatchRouter watchRouter() {
        return this.watchRouter;
    }

    PeerAuthenticator authenticator() {
        return this.authenticator;
    }

    StoreObserver observer() {
        return this.observer;
    }

    /** What replies to writes wait for before they are sent. */
    Durability durability() {
        return this.durability;
    }

    void connectionClosed(ChildConnection connection) {
        this.onClose.accept(connection);
    }

    /** Drops a connection that has not finished its handshake in time. */
    HandshakeTimer handshakeDeadline(Runnable onTimeout) {
        ScheduledFuture<?> future = this.timer.schedule(onTimeout, HANDSHAKE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    /** A pending handshake deadline. */
    interface HandshakeTimer {
        void cancel();
    }
}
