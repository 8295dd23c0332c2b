package io.sharedmemory.core.internal.protocol;

import io.sharedmemory.core.internal.wire.ErrorCodes;
import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;
import io.sharedmemory.core.internal.wire.ProtocolException;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HELLO / WELCOME exchange and its refusals. */
class HandshakeTest {

    @Test
    void helloRoundTripsAndMatchesTheDocumentedExample() {
        FrameEncoder encoder = new FrameEncoder();
        new Handshake.Hello(1, 4242, "w").writeTo(encoder);
        byte[] bytes = encoder.toByteArray();
        assertThat(bytes).containsExactly(0, 0, 0, 0x14, 0x01, 0x53, 0x48, 0x4D, 0x31, 0, 1, 0, 0, 0, 0, 0, 0, 0x10,
                (byte) 0x92, 0, 0, 0, 1, 0x77);
        Handshake.Hello hello = Handshake.Hello.read(ByteBuffer.wrap(bytes, 4, bytes.length - 4).slice());
        assertThat(hello).isEqualTo(new Handshake.Hello(1, 4242, "w"));
    }

    @Test
    void aHelloWithItsFrameLimitSaysTheClientAssemblesParts() {
        FrameEncoder encoder = new FrameEncoder();
        new Handshake.Hello(1, 4242, "w", 65_536).writeTo(encoder);
        byte[] bytes = encoder.toByteArray();
        assertThat(bytes).hasSize(28).endsWith(0x77, 0, 1, 0, 0);
        Handshake.Hello hello = Handshake.Hello.read(ByteBuffer.wrap(bytes, 4, bytes.length - 4).slice());
        assertThat(hello.maxFrameSize()).isEqualTo(65_536);
        assertThat(hello.acceptsParts()).isTrue();
        assertThat(new Handshake.Hello(1, 4242, "w").acceptsParts()).isFalse();
    }

    @Test
    void aFrameLimitInHelloBelowTheSmallestOneIsABadHandshake() {
        for (int limit : new int[] {0, 63, -1}) {
            ByteBuffer hello = ByteBuffer.allocate(23).put(Opcodes.HELLO).putInt(Handshake.MAGIC).putShort((short) 1)
                    .putLong(1).putInt(0).putInt(limit).flip();
            assertThatThrownBy(() -> Handshake.Hello.read(hello)).isInstanceOf(ProtocolException.class)
                    .extracting((ex) -> ((ProtocolException) ex).errorCode()).isEqualTo(ErrorCodes.BAD_HANDSHAKE);
        }
    }

    @Test
    void welcomeRoundTrips() {
        FrameEncoder encoder = new FrameEncoder();
        new Handshake.Welcome(1, 1 << 24, 99).writeTo(encoder);
        byte[] bytes = encoder.toByteArray();
        assertThat(Handshake.Welcome.read(ByteBuffer.wrap(bytes, 4, bytes.length - 4).slice()))
                .isEqualTo(new Handshake.Welcome(1, 1 << 24, 99));
    }

    @Test
    void aWrongMagicOrOpcodeIsABadHandshake() {
        ByteBuffer wrongMagic = ByteBuffer.allocate(19).put(Opcodes.HELLO).putInt(0x12345678).putShort((short) 1)
                .putLong(1).putInt(0).flip();
        assertThatThrownBy(() -> Handshake.Hello.read(wrongMagic)).isInstanceOf(ProtocolException.class)
                .extracting((ex) -> ((ProtocolException) ex).errorCode()).isEqualTo(ErrorCodes.BAD_HANDSHAKE);
        ByteBuffer request = ByteBuffer.allocate(5).put(Opcodes.GET).putInt(1).flip();
        assertThatThrownBy(() -> Handshake.Hello.read(request)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void anotherVersionIsUnsupported() {
        ByteBuffer v2 = ByteBuffer.allocate(19).put(Opcodes.HELLO).putInt(Handshake.MAGIC).putShort((short) 2)
                .putLong(1).putInt(0).flip();
        assertThatThrownBy(() -> Handshake.Hello.read(v2)).isInstanceOf(ProtocolException.class)
                .extracting((ex) -> ((ProtocolException) ex).errorCode()).isEqualTo(ErrorCodes.UNSUPPORTED_VERSION);
    }

    @Test
    void aTruncatedHelloIsABadHandshake() {
        ByteBuffer truncated = ByteBuffer.allocate(7).put(Opcodes.HELLO).putInt(Handshake.MAGIC).putShort((short) 1)
                .flip();
        assertThatThrownBy(() -> Handshake.Hello.read(truncated)).isInstanceOf(ProtocolException.class)
                .extracting((ex) -> ((ProtocolException) ex).errorCode()).isEqualTo(ErrorCodes.BAD_HANDSHAKE);
    }
}
