package io.sharedmemory.bench.redis;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.sharedmemory.bench.process.ProcessReaper;

/**
 * A private redis-server for one benchmark run: Unix socket only, no TCP port, no persistence
 * unless asked for, in the foreground so that the harness owns its lifetime.
 */
public final class RedisServerProcess implements AutoCloseable {

    private final Process process;
    private final Path socket;

    /**
     * Starts redis-server and waits until it answers {@code PING}.
     * @param executable the redis-server binary
     * @param directory a private folder for its socket and log
     * @param reaper ends it if the harness is interrupted
     * @throws IOException if it does not come up within 10 s
     */
    public RedisServerProcess(Path executable, Path directory, ProcessReaper reaper) throws IOException {
        this(executable, directory, reaper, null);
    }

    /**
     * Starts redis-server with an append-only file and waits until it answers {@code PING}.
     * @param executable the redis-server binary
     * @param directory a private folder for its socket, log and append-only file
     * @param reaper ends it if the harness is interrupted
     * @param appendfsync {@code always}, {@code everysec} or {@code no}; {@code null} for no persistence
     * @throws IOException if it does not come up within 10 s
     */
    public RedisServerProcess(Path executable, Path directory, ProcessReaper reaper, String appendfsync)
            throws IOException {
        this.socket = directory.resolve("redis.sock");
        List<String> command = new java.util.ArrayList<>(List.of(executable.toString(), "--port", "0",
                "--unixsocket", this.socket.toString(), "--unixsocketperm", "700", "--save", "", "--daemonize", "no",
                "--dir", directory.toString()));
        command.addAll((appendfsync == null) ? List.of("--appendonly", "no")
                : List.of("--appendonly", "yes", "--appendfsync", appendfsync));
        this.process = reaper.track(new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("redis-server.log").toFile())
                .start());
        awaitPong();
    }

    private void awaitPong() throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!this.process.isAlive()) {
                throw new IOException("redis-server exited with code " + this.process.exitValue());
            }
            if (Files.exists(this.socket) && pong()) {
                return;
            }
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", ex);
            }
        }
        throw new IOException("redis-server did not answer PING on " + this.socket);
    }

    private boolean pong() {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(this.socket));
            channel.write(ByteBuffer.wrap("PING\r\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer reply = ByteBuffer.allocate(16);
            channel.read(reply);
            return new String(reply.array(), 0, reply.position(), StandardCharsets.US_ASCII).startsWith("+PONG");
        }
        catch (IOException ex) {
            return false;
        }
    }

    /**
     * The memory Redis says it uses ({@code INFO memory}, {@code used_memory}).
     * @return bytes
     * @throws IOException if it does not answer
     */
    public long usedMemory() throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(this.socket));
            channel.write(ByteBuffer.wrap("INFO memory\r\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer reply = ByteBuffer.allocate(64 * 1024);
            // A bulk reply: $length CRLF, then the text; read until the text is whole.
            while (true) {
                if (channel.read(reply) < 0) {
                    throw new IOException("redis-server closed the connection");
                }
                String text = new String(reply.array(), 0, reply.position(), StandardCharsets.US_ASCII);
                int header = text.indexOf("\r\n");
                if (header > 0 && reply.position() >= header + 2 + Integer.parseInt(text.substring(1, header))) {
                    for (String line : text.split("\r\n")) {
                        if (line.startsWith("used_memory:")) {
                            return Long.parseLong(line.substring("used_memory:".length()).trim());
                        }
                    }
                    throw new IOException("INFO memory has no used_memory");
                }
            }
        }
    }

    /**
     * The server's process id.
     * @return the pid
     */
    public long pid() {
        return this.process.pid();
    }

    /**
     * The socket it serves.
     * @return the socket path
     */
    public Path socket() {
        return this.socket;
    }

    /** Stops redis-server. */
    @Override
    public void close() {
        ProcessReaper.stop(this.process);
    }
}
