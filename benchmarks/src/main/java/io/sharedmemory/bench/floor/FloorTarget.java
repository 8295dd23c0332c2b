package io.sharedmemory.bench.floor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import io.sharedmemory.bench.load.KvConnection;
import io.sharedmemory.bench.load.KvTarget;

/**
 * The client half of the floor: a raw ping-pong of prebuilt frames, one socket per thread. No
 * encoding, no request ids, no dispatch thread: what is left is the round trip itself.
 * <p>
 * Two ways to wait for the reply are measured, because which is faster depends on the machine:
 * a blocking read (the thread sleeps and the kernel wakes it, which on a virtual machine with an
 * idle vCPU can cost tens of µs), and a busy poll of a non-blocking socket (no wake-up, but a
 * core kept busy). The floor is the faster of the two.
 */
public final class FloorTarget implements KvTarget {

    private final Path socket;
    private final boolean busyPoll;

    /**
     * @param socket the {@link FloorServer}'s socket
     * @param busyPoll {@code true} to poll a non-blocking socket, {@code false} to block in read
     */
    public FloorTarget(Path socket, boolean busyPoll) {
        this.socket = socket;
        this.busyPoll = busyPoll;
    }

    @Override
    public KvConnection connect() throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(this.socket));
        channel.configureBlocking(!this.busyPoll);
        return new Connection(channel);
    }

    @Override
    public void close() {
    }

    private static final class Connection implements KvConnection {

        private static final Object VALUE = new Object();

        private final SocketChannel channel;
        private final ByteBuffer reply = ByteBuffer.allocateDirect(1 << 20);
        private int size = -1;
        private ByteBuffer getRequest;
        private ByteBuffer setRequest;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        private void frames(int valueSize) {
            if (valueSize != this.size) {
                this.size = valueSize;
                this.getRequest = FloorFrames.frame(FloorFrames.getRequestBody(), FloorFrames.GET, valueSize);
                this.setRequest = FloorFrames.frame(FloorFrames.setRequestBody(valueSize), FloorFrames.SET, valueSize);
            }
        }

        @Override
        public Object get(String key) {
            // The value size is not in the key, so the last set's size is used; a load runs set before get.
            if (this.getRequest == null) {
                throw new IllegalStateException("the floor needs a set before a get on each connection");
            }
            roundTrip(this.getRequest);
            return VALUE;
        }

        @Override
        public void set(String key, String value) {
            frames(value.length());
            roundTrip(this.setRequest);
        }

        private void roundTrip(ByteBuffer request) {
            try {
                FloorFrames.writeFully(this.channel, request);
                FloorFrames.readFrame(this.channel, this.reply);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        /** The floor measures one round trip at a time only. */
        @Override
        public void pipelined(boolean get, String[] keys, String value) {
            throw new UnsupportedOperationException("the floor has no pipelined rows");
        }

        /** The floor measures one round trip at a time only. */
        @Override
        public void batch(boolean get, String[] keys, String value) {
            throw new UnsupportedOperationException("the floor has no batch rows");
        }

        @Override
        public void close() {
            try {
                this.channel.close();
            }
            catch (IOException ex) {
                // Nothing left to release.
            }
        }
    }
}
