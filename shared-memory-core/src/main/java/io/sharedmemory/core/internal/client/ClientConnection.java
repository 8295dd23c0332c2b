package io.sharedmemory.core.internal.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sharedmemory.core.SharedMemoryUnavailableException;
import io.sharedmemory.core.internal.protocol.Fatal;
import io.sharedmemory.core.internal.protocol.KeyEventPush;
import io.sharedmemory.core.internal.protocol.Message;
import io.sharedmemory.core.internal.protocol.PatternMessage;
import io.sharedmemory.core.internal.protocol.Push;
import io.sharedmemory.core.internal.protocol.Pushes;
import io.sharedmemory.core.internal.protocol.Replies;
import io.sharedmemory.core.internal.protocol.Reply;
import io.sharedmemory.core.internal.protocol.ReplyPart;
import io.sharedmemory.core.internal.pubsub.NamedThreadFactory;
import io.sharedmemory.core.internal.wire.ErrorCodes;
import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameReader;
import io.sharedmemory.core.internal.protocol.Handshake;
import io.sharedmemory.core.internal.wire.ProtocolException;

/**
 * A child's one connection to main, shared by all its threads. Requests carry ids and their
 * replies are matched to them ({@link SharedReader}), so many calls are in flight at once.
 * Writes are combined: a caller that finds another caller writing leaves its frame in the
 * outbox, and the writer sends it along with its own, so concurrent requests share system
 * calls. The socket is non-blocking: no call waits on it past its deadline.
 */
final class ClientConnection {

    private static final Logger logger = LoggerFactory.getLogger(ClientConnection.class);


    private final SocketChannel channel;

    private final Handshake.Welcome welcome;

    private final PendingRequests pending = new PendingRequests();

    private final Queue<byte[]> outbox = new ConcurrentLinkedQueue<>();

    private final ReentrantLock writeLock = new ReentrantLock();

    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(64 * 1024);

    private final AtomicBoolean closed = new AtomicBoolean();


    private final int maxFrameSize;

    private final PushHandler pushHandler;

    private final Consumer<ClientConnection> onClose;

    private final Selector readSelector;

    private final SharedReader reader;

    /**
     * The sequence number of the last KEY_EVENT read. Written only by the thread holding the reader
     * role (one at a time, handed over with a happens-before), hence a plain field.
     */
    private long keyEventSequence;

    /** Lone calls left that poll only briefly; racy updates between callers only blur it. */
    private volatile int pollCooldown;

    private ClientConnection(SocketChannel channel, Handshake.Welcome welcome, int maxFrameSize,
            PushHandler pushHandler, Consumer<ClientConnection> onClose) throws IOException {
        this.channel = channel;
        this.readSelector = Selector.open();
        channel.register(this.readSelector, SelectionKey.OP_READ);
        this.welcome = welcome;
        this.maxFrameSize = maxFrameSize;
        this.pushHandler = pushHandler;
        this.onClose = onClose;
        this.reader = new SharedReader(new FrameReader(channel, maxFrameSize), this.readSelector, this::handle,
                this.pending);
    }

    /**
     * Connects and performs the handshake within the timeout; the reader is not started yet.
     * @throws IOException if main is not there or does not answer in time
     */
    static ClientConnection open(Path socketPath, int maxFrameSize, long timeoutMillis, PushHandler pushHandler,
            Consumer<ClientConnection> onClose) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socketPath));
            Handshake.Welcome welcome = ClientHandshake.perform(channel, maxFrameSize, timeoutMillis);
            return new ClientConnection(channel, welcome, Math.min(maxFrameSize, welcome.maxFrameSize()), pushHandler,
                    onClose);
        }
        catch (IOException | RuntimeException ex) {
            channel.close();
            throw ex;
        }
    }

    /** Starts the reader thread. */
    void start() {
        NamedThreadFactory.start("shared-memory-client-reader", this::read);
    }

    Handshake.Welcome welcome() {
        return this.welcome;
    }

    int maxFrameSize() {
        return this.maxFrameSize;
    }

    PendingRequests pending() {
        return this.pending;
    }

    boolean isOpen() {
        return !this.closed.get();
    }

    /**
     * Sends a frame; whoever holds the write lock sends everything queued.
     * @throws SharedMemoryUnavailableException if the connection fails
     */
    void send(byte[] frame, long deadline) {
        this.outbox.add(frame);
        while (!this.outbox.isEmpty() && this.writeLock.tryLock()) {
            try {
                flushOutbox(deadline);
            }
            catch (IOException ex) {
                close(ex);
                throw new SharedMemoryUnavailableException("Lost the connection to main: " + ex, ex);
            }
            finally {
                this.writeLock.unlock();
            }
        }
    }

    private void flushOutbox(long deadline) throws IOException {
        ByteBuffer buffer = this.writeBuffer;
        byte[] frame;
        while ((frame = this.outbox.poll()) != null) {
            if (frame.length > buffer.remaining()) {
                drain(buffer, deadline);
                if (frame.length > buffer.capacity()) {
                    writeFully(ByteBuffer.wrap(frame), deadline);
                    continue;
                }
            }
            buffer.put(frame);
        }
        drain(buffer, deadline);
    }

    private void drain(ByteBuffer buffer, long deadline) throws IOException {
        buffer.flip();
        writeFully(buffer, deadline);
        buffer.clear();
    }

    /**
     * Writes on the non-blocking channel; while main's socket buffer is full it waits, but not
     * past the deadline: a main that stopped reading must not hang the caller.
     */
    private void writeFully(ByteBuffer buffer, long deadline) throws IOException {
        while (buffer.hasRemaining()) {
            if (this.channel.write(buffer) == 0) {
                if (System.nanoTime() - deadline > 0) {
                    // Part of a frame may be out: the stream cannot be resumed, only closed.
                    throw new IOException("main has not read its socket within the request timeout");
                }
                LockSupport.parkNanos(ClientTimings.WRITE_RETRY_NANOS);
            }
        }
    }

    private void read() {
        Throwable cause = null;
        try {
            this.reader.runBackground(this.closed);
        }
        catch (EOFException ex) {
            cause = new EOFException("main closed the connection");
        }
        catch (IOException | RuntimeException ex) {
            cause = ex;
        }
        finally {
            close((cause != null) ? cause : new EOFException("connection closed"));
        }
    }

    /**
     * Lets a lone caller poll for its own reply for a while, if nobody else is reading.
     */
    boolean readFor(PendingCall call, long spinNanos) {
        try {
            return this.reader.readFor(call, spinNanos);
        }
        catch (IOException | RuntimeException ex) {
            close(ex);
            return true;
        }
    }

    /** A call is pending whose caller does not read: the background reader must not sleep. */
    void callerWaits() {
        this.reader.callerWaits();
    }

    /**
     * How long a lone caller may poll now: the full budget, unless a recent poll came up empty;
     * then only a short probe for a while, so callers stop burning a core that main or other
     * processes need while replies are slow.
     */
    long spinNanos(long maxNanos) {
        int left = this.pollCooldown;
        if (left > 0) {
            this.pollCooldown = left - 1;
            return ClientTimings.COOLDOWN_SPIN_NANOS;
        }
        return maxNanos;
    }

    /** Learns from one poll: an empty one starts a cool-down ({@link ClientTimings#COOLDOWN_CALLS}). */
    void pollOutcome(boolean replied) {
        if (!replied) {
            this.pollCooldown = ClientTimings.COOLDOWN_CALLS;
        }
    }

    private void handle(FrameBody frame, boolean mayBlock) throws IOException {
        byte opcode = frame.opcode();
        if (Pushes.isPush(opcode)) {
            Push push = Pushes.read(opcode, frame);
            Runnable delivery;
            if (push instanceof KeyEventPush event) {
                // A gap means a change went untold: the connection cannot be trusted, and closing
                // it tells the watches (lost) and makes the reconnect watch again.
                if (event.sequence() != this.keyEventSequence + 1) {
                    throw new ProtocolException(ErrorCodes.PROTOCOL_ERROR, "KEY_EVENT " + event.sequence()
                            + " after " + this.keyEventSequence + ": changes went untold");
                }
                this.keyEventSequence = event.sequence();
                delivery = () -> this.pushHandler.keyEvent(event);
            }
            else if (push instanceof PatternMessage message) {
                delivery = () -> this.pushHandler.message(message.channel(), message.pattern(), message.payload());
            }
            else {
                Message message = (Message) push;
                delivery = () -> this.pushHandler.message(message.channel(), null, message.payload());
            }
            if (mayBlock) {
                delivery.run();
            }
            else {
                this.reader.defer(delivery);
            }
            return;
        }
        if (opcode == Fatal.OPCODE) {
            Fatal fatal = Fatal.read(frame);
            throw new IOException("main closed the connection (code " + fatal.code() + "): " + fatal.message());
        }
        if (!Replies.isReply(opcode)) {
            throw new ProtocolException(ErrorCodes.PROTOCOL_ERROR, "Unknown opcode from main: " + opcode);
        }
        int id = frame.int32();
        // Read and assembled before the call is taken: a malformed reply closes the connection,
        // which then fails the call at once.
        Reply reply = Replies.read(opcode, frame);
        PendingCall call = this.pending.get(id);
        if (call == null) {
            // It timed out: its reply, or what is left of it, is dropped.
            return;
        }
        if (reply instanceof ReplyPart part) {
            call.addPart(part);
            return;
        }
        Reply whole = call.assemble(reply);
        if (this.pending.take(id) == call) {
            call.complete(whole);
        }
    }

    /** Closes the socket and fails the calls in flight. Idempotent. */
    void close(Throwable cause) {
        if (!this.closed.compareAndSet(false, true)) {
            return;
        }
        try {
            this.channel.close();
            // Wakes the background thread out of select().
            this.readSelector.close();
        }
        catch (IOException ex) {
            logger.debug("Closing the connection failed", ex);
        }
        this.pending.failAll(cause);
        this.onClose.accept(this);
    }

    /** Receives what main pushes. */
    interface PushHandler {

        /**
         * Takes one pushed message; may block to slow the reader down.
         * @param channel the channel it was published on
         * @param pattern the pattern subscription it matched, or {@code null}
         * @param payload the encoded message
         */
        void message(String channel, String pattern, byte[] payload);

        /**
         * Takes one pushed change of a watched key (its sequence already checked); may block.
         * @param event the change
         */
        void keyEvent(KeyEventPush event);
    }
}
