package io.sharedmemory.core.internal.client;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

import io.sharedmemory.core.internal.wire.ErrorCodes;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.protocol.Handshake;
import io.sharedmemory.core.internal.wire.ProtocolException;

/** The child's side of the opening exchange: sends {@code HELLO}, waits for {@code WELCOME}. */
final class ClientHandshake {

    private ClientHandshake() {
    }

    /**
     * Non-blocking, so a main that accepts but never answers cannot hang the child. The
     * {@code HELLO} carries the child's frame limit: main sends nothing larger, and sends large
     * listings in parts, which this child assembles.
     */
    static Handshake.Welcome perform(SocketChannel channel, int maxFrameSize, long timeoutMillis)
            throws IOException {
        FrameEncoder hello = new FrameEncoder(64);
        new Handshake.Hello(Handshake.VERSION, ProcessHandle.current().pid(), clientName(), maxFrameSize)
                .writeTo(hello);
        ByteBuffer out = hello.buffer();
        while (out.hasRemaining()) {
            channel.write(out);
        }
        ByteBuffer header = ByteBuffer.allocate(4);
        // Non-blocking for good: no read or write of this connection may outlast a timeout,
        // and an interrupted caller must not close the socket under the others.
        channel.configureBlocking(false);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            readFully(channel, selector, header, deadline);
            int length = header.getInt(0);
            if (length <= 0 || length > Math.min(maxFrameSize, 1024)) {
                throw new ProtocolException(ErrorCodes.BAD_HANDSHAKE, "Main's handshake answer has length " + length);
            }
            ByteBuffer body = ByteBuffer.allocate(length);
            readFully(channel, selector, body, deadline);
            body.flip();
            return Handshake.Welcome.read(body);
        }
    }

    private static void readFully(SocketChannel channel, Selector selector, ByteBuffer buffer, long deadline)
            throws IOException {
        while (buffer.hasRemaining()) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new IOException("Main did not answer the handshake in time");
            }
            selector.select(left);
            selector.selectedKeys().clear();
            if (channel.read(buffer) < 0) {
                throw new EOFException("Main closed the connection during the handshake");
            }
        }
    }

    /** The main class, as the JVM reports it, so main's logs say which child is which. */
    private static String clientName() {
        String command = System.getProperty("sun.java.command", "").trim();
        int space = command.indexOf(' ');
        String name = (space > 0) ? command.substring(0, space) : command;
        return (name.length() > 128) ? name.substring(name.length() - 128) : name;
    }

}
