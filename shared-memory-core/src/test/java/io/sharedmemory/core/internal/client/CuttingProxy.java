package io.sharedmemory.core.internal.client;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Unix-socket proxy between a child and main that the test can cut: every connection it
 * carries is closed on both sides at once, wherever the bytes are (mid-frame included), as
 * when main dies or the kernel drops a connection.
 */
final class CuttingProxy implements AutoCloseable {

    private final ServerSocketChannel server;

    private final Path upstream;

    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();

    private final AtomicInteger connections = new AtomicInteger();

    private volatile boolean closed;

    private CuttingProxy(ServerSocketChannel server, Path upstream) {
        this.server = server;
        this.upstream = upstream;
    }

    /** Listens on {@code socket} and forwards each connection to {@code upstream}. */
    static CuttingProxy start(Path socket, Path upstream) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        CuttingProxy proxy = new CuttingProxy(server, upstream);
        Thread acceptor = new Thread(proxy::accept, "cutting-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    /** How many connections it has carried. */
    int connections() {
        return this.connections.get();
    }

    /**
     * Closes every connection it carries now.
     * @return how many connections (client and main side pairs) were open and are cut
     */
    int cutAll() {
        int cut = 0;
        for (SocketChannel channel : this.open) {
            if (channel.isOpen()) {
                cut++;
            }
            closeQuietly(channel);
            // Only what was closed: a connection accepted meanwhile stays listed, to be cut next time.
            this.open.remove(channel);
        }
        return cut / 2;
    }

    private void accept() {
        while (!this.closed) {
            try {
                SocketChannel client = this.server.accept();
                SocketChannel main = SocketChannel.open(UnixDomainSocketAddress.of(this.upstream));
                this.open.add(client);
                this.open.add(main);
                int n = this.connections.incrementAndGet();
                pump(client, main, "cutting-proxy-up-" + n);
                pump(main, client, "cutting-proxy-down-" + n);
            }
            catch (IOException ex) {
                if (this.closed) {
                    return;
                }
            }
        }
    }

    private void pump(SocketChannel from, SocketChannel to, String name) {
        Thread thread = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
            try {
                while (from.read(buffer) >= 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        to.write(buffer);
                    }
                    buffer.clear();
                }
            }
            catch (IOException ex) {
                // Cut, or the other side went away: close both.
            }
            finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        this.closed = true;
        closeQuietly(this.server);
        cutAll();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        }
        catch (Exception ex) {
            // Closing is best effort.
        }
    }
}
