package io.sharedmemory.core.it;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.internal.server.MainKeyValueStore;
import io.sharedmemory.core.internal.wire.ErrorCodes;
import io.sharedmemory.core.internal.wire.Opcodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Garbage, a bad handshake, oversized and truncated frames: main closes only that connection
 * and keeps serving a well-behaved child; nothing stored is lost.
 */
class BadFramesTest {

    @TempDir
    Path folder;

    private Path socket;

    private MainKeyValueStore main;

    private AgentProcess child;

    @BeforeEach
    void start() throws Exception {
        this.socket = this.folder.resolve("bad.sock");
        this.main = (MainKeyValueStore) SharedMemory.builder().socketPath(this.socket).maxFrameSize(1024 * 1024)
                .startMain();
        this.main.set("precious", "data");
        this.child = AgentProcess.child(this.socket);
        this.child.call("subscribe alive");
    }

    @AfterEach
    void stop() {
        this.child.close();
        this.main.close();
    }

    @Test
    void garbageInsteadOfAHandshakeIsRefused() throws Exception {
        try (RawClient raw = new RawClient(this.socket)) {
            byte[] reply = raw.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII))
                    .readUntilClosed();
            // "GET " read as a length is over a gigabyte.
            assertThat(RawClient.lastFrame(reply)).isEqualTo("FATAL " + ErrorCodes.FRAME_TOO_LARGE);
        }
        assertMainStillServes();
    }

    @Test
    void aWrongMagicGetsAFatalFrame() throws Exception {
        try (RawClient raw = new RawClient(this.socket)) {
            byte[] hello = ByteBuffer.allocate(4 + 19).putInt(19).put(Opcodes.HELLO).putInt(0xCAFEBABE)
                    .putShort((short) 1).putLong(1).putInt(0).array();
            ByteBuffer reply = ByteBuffer.wrap(raw.send(hello).readUntilClosed());
            assertThat(reply.getInt()).isPositive();
            assertThat(reply.get()).isEqualTo(Opcodes.FATAL);
            assertThat(reply.getShort()).isEqualTo((short) ErrorCodes.BAD_HANDSHAKE);
        }
        assertMainStillServes();
    }

    @Test
    void anUnsupportedVersionIsRefused() throws Exception {
        try (RawClient raw = new RawClient(this.socket)) {
            byte[] hello = ByteBuffer.allocate(4 + 19).putInt(19).put(Opcodes.HELLO).putInt(0x53484D31)
                    .putShort((short) 99).putLong(1).putInt(0).array();
            ByteBuffer reply = ByteBuffer.wrap(raw.send(hello).readUntilClosed());
            reply.getInt();
            assertThat(reply.get()).isEqualTo(Opcodes.FATAL);
            assertThat(reply.getShort()).isEqualTo((short) ErrorCodes.UNSUPPORTED_VERSION);
        }
        assertMainStillServes();
    }

    @Test
    void anOversizedFrameIsRefusedWithoutReadingIt() throws Exception {
        try (RawClient raw = new RawClient(this.socket)) {
            raw.hello();
            // Declares 2 GiB but sends nothing more: main must refuse at once, not wait or allocate.
            byte[] reply = raw.send(new byte[] { 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF }).readUntilClosed();
            assertThat(RawClient.lastFrame(reply)).isEqualTo("FATAL " + ErrorCodes.FRAME_TOO_LARGE);
        }
        assertMainStillServes();
    }

    @Test
    void aTruncatedFrameOnlyClosesItsConnection() throws Exception {
        try (RawClient raw = new RawClient(this.socket)) {
            raw.hello();
            raw.send(new byte[] { 0, 0, 0, 50, Opcodes.SET, 0, 0, 0, 1, 0, 0 });
        }
        assertMainStillServes();
    }

    @Test
    void aFieldRunningPastItsFrameAndAnUnknownOpcodeCloseTheConnection() throws Exception {
        try (RawClient raw = new RawClient(this.socket)) {
            raw.hello();
            // SET whose key claims 1000 bytes inside a 13-byte frame.
            byte[] frame = ByteBuffer.allocate(17).putInt(13).put(Opcodes.SET).putInt(7).putInt(1000)
                    .putInt(0).array();
            assertThat(RawClient.lastFrame(raw.send(frame).readUntilClosed()))
                    .isEqualTo("FATAL " + ErrorCodes.PROTOCOL_ERROR);
        }
        try (RawClient raw = new RawClient(this.socket)) {
            raw.hello();
            byte[] frame = ByteBuffer.allocate(9).putInt(5).put((byte) 0x3C).putInt(7).array();
            assertThat(RawClient.lastFrame(raw.send(frame).readUntilClosed()))
                    .isEqualTo("FATAL " + ErrorCodes.PROTOCOL_ERROR);
        }
        assertMainStillServes();
    }

    @Test
    void aMalformedValueIsRefusedAndTheConnectionStaysUsable() throws Exception {
        try (RawClient raw = new RawClient(this.socket)) {
            raw.hello();
            // SET precious = blob with an unknown tag 0x7E.
            byte[] key = "precious".getBytes(StandardCharsets.US_ASCII);
            ByteBuffer frame = ByteBuffer.allocate(4 + 1 + 4 + 4 + key.length + 8 + 4 + 2);
            frame.putInt(frame.capacity() - 4).put(Opcodes.SET).putInt(9).putInt(key.length).put(key).putLong(0)
                    .putInt(2).put((byte) 0x7E).put((byte) 0);
            assertThat(raw.readFrame().get()).isEqualTo(Opcodes.WELCOME);
            raw.send(frame.array());
            ByteBuffer reply = raw.readFrame();
            assertThat(reply.get()).isEqualTo(Opcodes.ERROR);
            assertThat(reply.getInt()).isEqualTo(9);
            assertThat(reply.getShort()).isEqualTo((short) ErrorCodes.BAD_VALUE);
            raw.send(ByteBuffer.allocate(9).putInt(5).put(Opcodes.PING).putInt(10).array());
            ByteBuffer pong = raw.readFrame();
            assertThat(pong.get()).as("the connection stays usable").isEqualTo(Opcodes.OK);
            assertThat(pong.getInt()).isEqualTo(10);
        }
        assertThat(this.main.get("precious")).isEqualTo("data");
        assertMainStillServes();
    }

    private void assertMainStillServes() {
        assertThat(this.main.get("precious")).isEqualTo("data");
        assertThat(this.child.call("get precious")).isEqualTo("VALUE java.lang.String data");
        assertThat(this.child.call("set fresh yes")).isEqualTo("OK");
        this.main.publish("alive", "yes");
        await().until(() -> "MSG alive yes".equals(this.child.messages().poll()));
        await().until(() -> this.main.connectedChildren() == 1);
    }
}
