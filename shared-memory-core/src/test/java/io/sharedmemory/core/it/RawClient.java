package io.sharedmemory.core.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.protocol.Handshake;

/** A hand-driven socket client for feeding main bytes that no real child would send. */
final class RawClient implements AutoCloseable {

    private final SocketChannel channel;

    RawClient(Path socket) throws IOException {
        this.channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        this.channel.connect(UnixDomainSocketAddress.of(socket));
    }

    RawClient send(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            this.channel.write(buffer);
        }
        return this;
    }

    RawClient hello() throws IOException {
        FrameEncoder encoder = new FrameEncoder();
        new Handshake.Hello(Handshake.VERSION, 1, "raw").writeTo(encoder);
        return send(encoder.toByteArray());
    }

    /**
     * Builds a request frame: opcode, id, then each field, a {@code String} as a {@code str},
     * a {@code byte[]} as a {@code blob}, a {@code Long} as an {@code i64}.
     */
    static byte[] frame(byte opcode, int id, Object... fields) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(opcode);
        body.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        for (Object field : fields) {
            if (field instanceof Long number) {
                body.writeBytes(ByteBuffer.allocate(8).putLong(number).array());
                continue;
            }
            byte[] bytes = (field instanceof byte[] b) ? b
                    : field.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            body.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            body.writeBytes(bytes);
        }
        return ByteBuffer.allocate(4 + body.size()).putInt(body.size()).put(body.toByteArray()).array();
    }

    /** Sends a request frame and reads the frame that answers it. */
    ByteBuffer request(byte[] frame) throws IOException {
        return send(frame).readFrame();
    }

    /** Reads one whole frame body, blocking. */
    ByteBuffer readFrame() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(4);
        readFully(header);
        ByteBuffer body = ByteBuffer.allocate(header.getInt(0));
        readFully(body);
        return body.flip();
    }

    private void readFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (this.channel.read(buffer) < 0) {
                throw new java.io.EOFException("closed by main");
            }
        }
    }

    /** The last frame of what main sent before closing: its opcode and, for FATAL, the code. */
    static String lastFrame(byte[] received) {
        ByteBuffer buffer = ByteBuffer.wrap(received);
        String last = "none";
        while (buffer.remaining() >= 5) {
            int length = buffer.getInt();
            int start = buffer.position();
            byte opcode = buffer.get();
            last = (opcode == io.sharedmemory.core.internal.wire.Opcodes.FATAL) ? "FATAL " + buffer.getShort() : "OPCODE " + opcode;
            buffer.position(start + length);
        }
        return last;
    }

    /** Everything main sends until it closes the connection; fails if it is still open after 5 s. */
    byte[] readUntilClosed() throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        this.channel.configureBlocking(false);
        long deadline = System.nanoTime() + 5_000_000_000L;
        try (Selector selector = Selector.open()) {
            this.channel.register(selector, SelectionKey.OP_READ);
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (System.nanoTime() < deadline) {
                selector.select(100);
                buffer.clear();
                int read;
                try {
                    read = this.channel.read(buffer);
                }
                catch (IOException ex) {
                    return received.toByteArray();
                }
                if (read < 0) {
                    return received.toByteArray();
                }
                received.write(buffer.array(), 0, read);
            }
        }
        throw new AssertionError("main kept the connection open");
    }

    @Override
    public void close() throws IOException {
        this.channel.close();
    }
}
