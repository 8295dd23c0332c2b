package io.sharedmemory.core.internal.server;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sharedmemory.core.StoreObserver.DisconnectReason;
import io.sharedmemory.core.internal.persistence.Durability;
import io.sharedmemory.core.internal.pubsub.NamedThreadFactory;
import io.sharedmemory.core.internal.wire.ErrorCodes;
import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameReader;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.protocol.Handshake;
import io.sharedmemory.core.internal.wire.ProtocolException;

/**
 * Main's side of one child's connection. A reader thread serves the child's requests in
 * arrival order and answers a burst of them with one write; a pusher thread drains the queue
 * of published messages for this child. {@link SlowSubscriberPolicy} bounds that queue: a child
 * that falls too far behind, or stays behind too long, is cut off, so a slow child never holds
 * up main or the other children, while a burst passes.
 */
final class ChildConnection implements Subscriber {

    private static final Logger logger = LoggerFactory.getLogger(ChildConnection.class);

    /** Replies gathered from one burst before they are written. */
    private static final int REPLY_BATCH_BYTES = 64 * 1024;

    private final int id;

    private final SocketChannel channel;

    private final ServerContext context;

    /** Unbounded in count: {@link #limits} bounds it in bytes, and cuts the child instead of refusing. */
    private final BlockingQueue<byte[]> pushes = new LinkedBlockingQueue<>();

    private final SlowSubscriberPolicy limits;

    private final ReentrantLock writeLock = new ReentrantLock();

    private final AtomicBoolean closed = new AtomicBoolean();

    private final Set<String> channels = ConcurrentHashMap.newKeySet();

    private final Set<String> patterns = ConcurrentHashMap.newKeySet();

    private volatile String peer;

    /** Set once by the handshake; read by {@link #describe()}. */
    private volatile long pid = -1;

    private volatile String name = "";

    private volatile String user = "";

    /** The frame limit the client sent in HELLO, or {@code NO_PARTS}: read by this connection's reader only. */
    private int clientFrameLimit = Handshake.Hello.NO_PARTS;

    private Thread pusher;

    private final ChildWatches watches;

    /** Set when a key event found the backlog over its limit: the timer's next check cuts the child off. */
    private volatile boolean cutPending;

    ChildConnection(int id, SocketChannel channel, ServerContext context) {
        this.id = id;
        this.channel = channel;
        this.context = context;
        this.watches = new ChildWatches(context.watchRouter(), this::queueKeyEvent);
        this.limits = new SlowSubscriberPolicy(context.settings().subscriberLimits(),
                context.settings().maxPendingMessages(), System::nanoTime);
        this.peer = "connection " + id;
    }

    void start() {
        NamedThreadFactory.start("shared-memory-child-" + this.id, this::serve);
    }

    private void serve() {
        try {
            String user = this.context.authenticator().peerUser(this.channel);
            this.user = user;
            if (!this.context.authenticator().isAllowed(user)) {
                logger.warn("Refused {}: its user {} is neither main's own nor in allowed-users", this.peer, user);
                this.context.observer().disconnected(DisconnectReason.PEER_REFUSED);
                return;
            }
            FrameReader decoder = new FrameReader(this.channel, this.context.settings().maxFrameSize());
            FrameEncoder out = new FrameEncoder(4096);
            handshake(decoder, out, user);
            this.pusher = NamedThreadFactory.start("shared-memory-push-" + this.id, this::push);
            serveRequests(decoder, out);
        }
        catch (ProtocolException ex) {
            logger.warn("Closing {}: {}", this.peer, ex.getMessage());
            sendFatal(ex.errorCode(), ex.getMessage());
            this.context.observer().disconnected(DisconnectReason.BAD_FRAME);
        }
        catch (EOFException | ClosedChannelException ex) {
            logger.debug("{} closed", this.peer);
            // The child went away: it closed its end or died (a socket tells the two apart only
            // sometimes). A connection main closed itself (a cut, a shutdown) is not counted here.
            if (!this.closed.get()) {
                this.context.observer().disconnected(DisconnectReason.LOST);
            }
        }
        catch (IOException ex) {
            logger.info("Lost {}: {}", this.peer, ex.toString());
            if (!this.closed.get()) {
                this.context.observer().disconnected(DisconnectReason.LOST);
            }
        }
        catch (RuntimeException ex) {
            logger.error("Closing {} after an unexpected failure", this.peer, ex);
        }
        finally {
            close();
        }
    }

    private void handshake(FrameReader decoder, FrameEncoder out, String user) throws IOException {
        ServerContext.HandshakeTimer timer = this.context.handshakeDeadline(this::close);
        try {
            Handshake.Hello hello = Handshake.Hello.read(decoder.readFrame());
            this.pid = hello.pid();
            this.name = hello.name();
            this.clientFrameLimit = hello.maxFrameSize();
            this.peer = "child " + this.id + " (pid " + hello.pid()
                    + (hello.name().isEmpty() ? "" : ", " + hello.name()) + ", user " + user + ")";
            new Handshake.Welcome(Handshake.VERSION, this.context.settings().maxFrameSize(),
                    ProcessHandle.current().pid()).writeTo(out);
            write(out);
            logger.debug("Accepted {}", this.peer);
        }
        finally {
            timer.cancel();
        }
    }

    private void serveRequests(FrameReader decoder, FrameEncoder out) throws IOException {
        RequestHandler handler = this.context.requestHandler();
        Durability durability = this.context.durability();
        while (!this.closed.get()) {
            ReplyParts parts = handler.handle(new FrameBody(decoder.readFrame()), out, this);
            // Serve what else already arrived, then answer the whole burst with one write.
            while (parts == null && out.size() < REPLY_BATCH_BYTES && decoder.hasBufferedFrame()) {
                parts = handler.handle(new FrameBody(decoder.readFrame()), out, this);
            }
            // With fsync=always the burst's writes must be on disk before any reply says so. Only
            // this child's thread waits; other children go on, and their writes join the same
            // fsync (group commit). If the log fails, the connection closes unacknowledged.
            durability.awaitOwnWrites();
            write(out);
            // A reply in parts goes out one frame per write: main holds one part encoded, never the reply.
            while (parts != null) {
                boolean more = parts.writeNext(out);
                write(out);
                parts = more ? parts : null;
            }
        }
    }

    private void write(FrameEncoder out) throws IOException {
        ByteBuffer buffer = out.buffer();
        this.writeLock.lock();
        try {
            while (buffer.hasRemaining()) {
                this.channel.write(buffer);
            }
        }
        finally {
            this.writeLock.unlock();
            out.clear();
        }
    }

    private void push() {
        List<byte[]> batch = new ArrayList<>();
        try {
            while (!this.closed.get()) {
                // Timed, so a close that raced with this thread's start still ends it.
                byte[] first = this.pushes.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                this.pushes.drainTo(batch, 1024);
                ByteBuffer[] buffers = new ByteBuffer[batch.size()];
                long frameBytes = 0;
                for (int i = 0; i < buffers.length; i++) {
                    buffers[i] = ByteBuffer.wrap(batch.get(i));
                    frameBytes += buffers[i].remaining();
                }
                batch.clear();
                writeAll(buffers);
                // Only written messages leave the backlog: while the write blocks, main still holds them.
                if (this.limits.removed(frameBytes, buffers.length)) {
                    cutOff();
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (IOException ex) {
            logger.debug("Pushing to {} failed: {}", this.peer, ex.toString());
            close();
        }
    }

    private void writeAll(ByteBuffer[] buffers) throws IOException {
        this.writeLock.lock();
        try {
            ByteBuffer last = buffers[buffers.length - 1];
            while (last.hasRemaining()) {
                this.channel.write(buffers);
            }
        }
        finally {
            this.writeLock.unlock();
        }
    }

    @Override
    public void deliver(PublishedMessage message, String pattern) {
        if (this.closed.get()) {
            return;
        }
        byte[] frame = (pattern != null) ? message.patternMessageFrame(pattern) : message.messageFrame();
        if (this.limits.added(frame.length)) {
            cutOff();
            return;
        }
        this.pushes.add(frame);
    }

    /**
     * Queues a KEY_EVENT frame. It runs inside a store step, which must not do I/O or take other
     * locks for long, so a child over its limit is not closed here but left to {@link #checkLimits}.
     */
    private boolean queueKeyEvent(byte[] frame) {
        if (this.closed.get() || this.cutPending) {
            return false;
        }
        if (this.limits.added(frame.length)) {
            this.cutPending = true;
            return false;
        }
        this.pushes.add(frame);
        return true;
    }

    /**
     * Cuts off a child that stayed over a soft limit while nothing reached or left its backlog, or
     * whose key events went over a limit.
     */
    void checkLimits() {
        if (!this.closed.get() && (this.cutPending || this.limits.check())) {
            cutOff();
        }
    }

    private void cutOff() {
        logger.warn("Disconnecting {}: {}; it will reconnect", this.peer, this.limits.cutReason());
        if (!this.closed.get()) {
            this.context.observer().disconnected(DisconnectReason.TOO_SLOW);
        }
        close();
    }

    /** The frame limit the client said in its HELLO, or {@code Hello.NO_PARTS} if it said none. */
    int clientFrameLimit() {
        return this.clientFrameLimit;
    }

    void subscribe(String channel) {
        if (this.channels.add(channel)) {
            this.context.router().subscribe(channel, this);
            // Requests read before an outside close (an overflow) are still served; close() may
            // already have swept the router, so take back what this one added.
            if (this.closed.get()) {
                this.context.router().unsubscribe(channel, this);
            }
        }
    }

    void unsubscribe(String channel) {
        if (this.channels.remove(channel)) {
            this.context.router().unsubscribe(channel, this);
        }
    }

    void subscribePattern(String pattern) {
        if (this.patterns.add(pattern)) {
            this.context.router().subscribePattern(pattern, this);
            if (this.closed.get()) {
                this.context.router().unsubscribePattern(pattern, this);
            }
        }
    }

    void unsubscribePattern(String pattern) {
        if (this.patterns.remove(pattern)) {
            this.context.router().unsubscribePattern(pattern, this);
        }
    }

    void watch(String glob, boolean withValues) {
        this.watches.watch(glob, withValues);
        // As for subscriptions: close() may already have swept the watches.
        if (this.closed.get()) {
            this.watches.close();
        }
    }

    void unwatch(String glob) {
        this.watches.unwatch(glob);
    }

    /** Sends FATAL (if the socket takes it at once) and closes; used when main shuts down. */
    void shutdown() {
        sendFatal(ErrorCodes.SHUTTING_DOWN, "Main is stopping");
        close();
    }

    private void sendFatal(int code, String message) {
        if (this.closed.get() || !this.writeLock.tryLock()) {
            return;
        }
        try {
            FrameEncoder out = new FrameEncoder(64 + message.length());
            Handshake.writeFatal(out, code, message);
            this.channel.write(out.buffer());
        }
        catch (IOException ex) {
            logger.debug("Could not tell {} why it is closed", this.peer);
        }
        finally {
            this.writeLock.unlock();
        }
    }

    /** Closes the socket and frees everything this child held in main. Idempotent. */
    void close() {
        if (!this.closed.compareAndSet(false, true)) {
            return;
        }
        this.context.router().unsubscribeAll(this);
        this.watches.close();
        this.channels.clear();
        this.patterns.clear();
        try {
            this.channel.close();
        }
        catch (IOException ex) {
            logger.debug("Closing {} failed", this.peer, ex);
        }
        Thread thread = this.pusher;
        if (thread != null) {
            thread.interrupt();
        }
        this.pushes.clear();
        this.context.connectionClosed(this);
        logger.debug("Closed {}; its backlog peaked at {} messages, {} bytes", this.peer,
                this.limits.peakMessages(), this.limits.peakBytes());
    }

    /** What main knows of this child now. */
    ConnectedChild describe() {
        return new ConnectedChild(this.id, this.pid, this.name, this.user, this.channels, this.patterns,
                this.pushes.size());
    }

    @Override
    public String toString() {
        return this.peer;
    }
}
