package io.sharedmemory.core.internal.wire;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fields written by the encoder read back by the body reader, byte for byte as PROTOCOL.md says. */
class FrameEncoderAndBodyTest {

    @Test
    void fieldsRoundTrip() {
        FrameEncoder encoder = new FrameEncoder(8);
        encoder.begin(Opcodes.SET).putInt(7).putString("kéy").putLong(-5).putBytes(new byte[] { 1, 2 }).putU8(255)
                .putU16(65535);
        int length = encoder.end();
        ByteBuffer frame = encoder.buffer();
        assertThat(frame.getInt()).isEqualTo(length);
        FrameBody body = new FrameBody(frame.slice());
        assertThat(body.opcode()).isEqualTo(Opcodes.SET);
        assertThat(body.int32()).isEqualTo(7);
        assertThat(body.string()).isEqualTo("kéy");
        assertThat(body.int64()).isEqualTo(-5);
        assertThat(body.blob()).containsExactly(1, 2);
        assertThat(body.u8()).isEqualTo(255);
        assertThat(body.u16()).isEqualTo(65535);
        body.end();
    }

    @Test
    void theLayoutIsBigEndianWithLengthPrefixes() {
        FrameEncoder encoder = new FrameEncoder();
        encoder.begin(Opcodes.GET).putInt(1).putString("a");
        encoder.end();
        assertThat(encoder.toByteArray()).containsExactly(0, 0, 0, 10, 0x10, 0, 0, 0, 1, 0, 0, 0, 1, 'a');
    }

    @Test
    void severalFramesShareOneBuffer() {
        FrameEncoder encoder = new FrameEncoder();
        encoder.begin(Opcodes.PING).putInt(1);
        encoder.end();
        encoder.begin(Opcodes.PING).putInt(2);
        encoder.end();
        assertThat(encoder.size()).isEqualTo(18);
    }

    @Test
    void anAbandonedFrameLeavesNoTrace() {
        FrameEncoder encoder = new FrameEncoder();
        encoder.begin(Opcodes.OK).putInt(1);
        encoder.end();
        encoder.begin(Opcodes.ENTRIES).putInt(2).putBytes(new byte[100]);
        encoder.abandon();
        assertThat(encoder.size()).isEqualTo(9);
    }

    @Test
    void aFieldLongerThanItsFrameIsAProtocolError() {
        ByteBuffer body = ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).putInt(0).flip();
        assertThatThrownBy(() -> new FrameBody(body).string()).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("runs past");
        assertThatThrownBy(() -> new FrameBody(ByteBuffer.allocate(3)).int32()).isInstanceOf(ProtocolException.class);
    }

    @Test
    void leftoverBytesAreAProtocolError() {
        FrameBody body = new FrameBody(ByteBuffer.wrap(new byte[] { Opcodes.PING, 0, 0, 0, 1, 99 }));
        body.opcode();
        body.int32();
        assertThatThrownBy(body::end).isInstanceOf(ProtocolException.class);
    }
}
