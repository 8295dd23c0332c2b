package io.sharedmemory.bench.floor;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server half of the floor: answers each frame with a frame of the matching reply size,
 * with blocking I/O and one thread per connection, which is the least work a Java process can
 * do per round trip over a Unix-domain socket.
 */
public final class FloorServer implements AutoCloseable {

    private static final int MAX_FRAME = 1 << 20;

    private final ServerSocketChannel server;
    private final AtomicInteger connections = new AtomicInteger();

    /**
     * Binds the socket and starts accepting.
     * @param socket the socket path
     * @throws IOException if it cannot bind
     */
    public FloorServer(Path socket) throws IOException {
        Files.deleteIfExists(socket);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        this.server.bind(UnixDomainSocketAddress.of(socket));
        Thread acceptor = new Thread(this::accept, "floor-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (this.server.isOpen()) {
            try {
                SocketChannel channel = this.server.accept();
                Thread serving = new Thread(() -> serve(channel), "floor-conn-" + this.connections.incrementAndGet());
                serving.setDaemon(true);
                serving.start();
            }
            catch (IOException ex) {
                return;
            }
        }
    }

    private static void serve(SocketChannel channel) {
        ByteBuffer request = ByteBuffer.allocateDirect(MAX_FRAME);
        ByteBuffer setReply = FloorFrames.frame(FloorFrames.setReplyBody(), (byte) 0x40, 0);
        ByteBuffer getReply = null;
        try (channel) {
            while (true) {
                FloorFrames.readFrame(channel, request);
                if (request.get(4) == FloorFrames.GET) {
                    int valueSize = request.getInt(5);
                    int body = FloorFrames.getReplyBody(valueSize);
                    if (getReply == null || getReply.capacity() != 4 + body) {
                        getReply = FloorFrames.frame(body, (byte) 0x41, 0);
                    }
                    FloorFrames.writeFully(channel, getReply);
                }
                else {
                    FloorFrames.writeFully(channel, setReply);
                }
            }
        }
        catch (IOException ex) {
            // The client closed its end: this connection is done.
        }
    }

    /** Stops accepting. */
    @Override
    public void close() throws IOException {
        this.server.close();
    }
}
