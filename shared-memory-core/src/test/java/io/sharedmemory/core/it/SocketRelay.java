package io.sharedmemory.core.it;

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

/**
 * A Unix-domain socket in front of main's, relaying bytes both ways, so a test can cut a child's
 * connection to main at any moment ({@link #cutAll()}) as a crash of the link would.
 */
final class SocketRelay implements AutoCloseable {

    private final ServerSocketChannel server;

    private final Path target;

    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();

    private final Thread acceptor;

    SocketRelay(Path front, Path target) throws IOException {
        Files.deleteIfExists(front);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        this.server.bind(UnixDomainSocketAddress.of(front));
        this.target = target;
        this.acceptor = new Thread(this::accept, "relay-accept");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    private void accept() {
        while (this.server.isOpen()) {
            try {
                SocketChannel client = this.server.accept();
                SocketChannel upstream = SocketChannel.open(UnixDomainSocketAddress.of(this.target));
                this.open.add(client);
                this.open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            }
            catch (IOException ex) {
                // Closed, or main is away: the child retries.
            }
        }
    }

    private void pump(SocketChannel from, SocketChannel to) {
        Thread thread = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
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
                // Cut.
            }
            close(from);
            close(to);
        }, "relay-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** Cuts every relayed connection. */
    int cutAll() {
        int cut = 0;
        for (SocketChannel channel : this.open) {
            close(channel);
            cut++;
        }
        return cut / 2;
    }

    private void close(SocketChannel channel) {
        this.open.remove(channel);
        try {
            channel.close();
        }
        catch (IOException ex) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        this.server.close();
        cutAll();
    }
}
