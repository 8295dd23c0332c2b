package io.sharedmemory.core.internal.client;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;

import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.protocol.Handshake;

/**
 * A hand-made main for client tests: accepts connections, optionally answers the handshake,
 * then does what the test tells it and never replies to a request.
 */
final class FakeMain {

    private FakeMain() {
    }

    /** Accepts connections and never says anything, not even {@code WELCOME}. */
    static void mute(Path socket, List<AutoCloseable> resources) throws IOException {
        start(socket, resources, null);
    }

    /**
     * Reads each {@code HELLO}, answers {@code WELCOME}, then hands the connection to {@code afterwards}.
     */
    static void welcoming(Path socket, List<AutoCloseable> resources, Afterwards afterwards) throws IOException {
        start(socket, resources, afterwards);
    }

    private static void start(Path socket, List<AutoCloseable> resources, Afterwards afterwards) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        resources.add(server);
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    SocketChannel channel = server.accept();
                    resources.add(channel);
                    if (afterwards != null) {
                        welcome(channel);
                        afterwards.serve(channel);
                    }
                }
            }
            catch (IOException ex) {
                // closed at the end of the test
            }
        }, "fake-main");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void welcome(SocketChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(4);
        while (header.hasRemaining()) {
            channel.read(header);
        }
        ByteBuffer hello = ByteBuffer.allocate(header.getInt(0));
        while (hello.hasRemaining()) {
            channel.read(hello);
        }
        FrameEncoder encoder = new FrameEncoder();
        new Handshake.Welcome(Handshake.VERSION, 16 * 1024 * 1024, 1).writeTo(encoder);
        ByteBuffer buffer = encoder.buffer();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** What the fake main does after its {@code WELCOME}. */
    interface Afterwards {

        /**
         * Uses the connection.
         * @param channel the connection
         * @throws IOException when the test closes it
         */
        void serve(SocketChannel channel) throws IOException;
    }
}
