package io.sharedmemory.core.protocol;

import io.sharedmemory.core.wire.ErrorCodes;
import io.sharedmemory.core.wire.FrameBody;
import io.sharedmemory.core.wire.FrameEncoder;
import io.sharedmemory.core.wire.Opcodes;
import io.sharedmemory.core.wire.ProtocolException;

import java.nio.ByteBuffer;
import java.util.Arrays;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The handshake under arbitrary input: main reads any first frame as a good {@code HELLO} or
 * refuses it with {@code BAD_HANDSHAKE} or {@code UNSUPPORTED_VERSION}; a child reads any
 * answer as a {@code WELCOME} or a {@link ProtocolException}. Nothing else escapes.
 */
class HandshakeFuzzTest {

    @Property(tries = 3000)
    void anyFirstFrameIsAHelloOrABadHandshake(@ForAll @Size(max = 64) byte[] frame) {
        try {
            Handshake.Hello hello = Handshake.Hello.read(ByteBuffer.wrap(frame));
            // Accepted: then it was a HELLO with our magic and version.
            assertThat(frame[0]).isEqualTo(Opcodes.HELLO);
            assertThat(ByteBuffer.wrap(frame, 1, 4).getInt()).isEqualTo(Handshake.MAGIC);
            assertThat(hello.version()).isEqualTo(Handshake.VERSION);
        }
        catch (ProtocolException ex) {
            assertThat(ex.errorCode()).isIn(ErrorCodes.BAD_HANDSHAKE, ErrorCodes.UNSUPPORTED_VERSION);
        }
    }

    @Property(tries = 1000)
    void aHelloOfAnotherVersionIsRefusedAsUnsupported(@ForAll @IntRange(min = 0, max = 0xFFFF) int version,
            @ForAll long pid, @ForAll @Size(max = 40) String name) {
        byte[] frame = hello(Handshake.MAGIC, version, pid, name);
        if (version == Handshake.VERSION) {
            assertThat(Handshake.Hello.read(ByteBuffer.wrap(frame))).isEqualTo(new Handshake.Hello(version, pid,
                    new String(name.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            java.nio.charset.StandardCharsets.UTF_8)));
        }
        else {
            ProtocolException refused = catchThrowableOfType(ProtocolException.class,
                    () -> Handshake.Hello.read(ByteBuffer.wrap(frame)));
            assertThat(refused.errorCode()).isEqualTo(ErrorCodes.UNSUPPORTED_VERSION);
            assertThat(refused).hasMessageContaining(Integer.toString(version));
        }
    }

    @Property(tries = 1000)
    void aWrongMagicIsABadHandshakeWhateverFollows(@ForAll int magic, @ForAll @IntRange(max = 0xFFFF) int version,
            @ForAll long pid) {
        if (magic == Handshake.MAGIC) {
            return;
        }
        byte[] frame = hello(magic, version, pid, "x");
        assertThatThrownBy(() -> Handshake.Hello.read(ByteBuffer.wrap(frame))).isInstanceOf(ProtocolException.class)
                .extracting((ex) -> ((ProtocolException) ex).errorCode()).isEqualTo(ErrorCodes.BAD_HANDSHAKE);
    }

    @Property(tries = 1000)
    void aHelloCutShortOrPaddedIsABadHandshake(@ForAll long pid, @ForAll @Size(max = 20) String name,
            @ForAll @IntRange(min = -30, max = 30) int change) {
        byte[] whole = hello(Handshake.MAGIC, Handshake.VERSION, pid, name);
        if (change == 0) {
            return;
        }
        byte[] frame = Arrays.copyOf(whole, Math.max(0, whole.length + change));
        assertThatThrownBy(() -> Handshake.Hello.read(ByteBuffer.wrap(frame))).isInstanceOf(ProtocolException.class)
                .extracting((ex) -> ((ProtocolException) ex).errorCode()).isEqualTo(ErrorCodes.BAD_HANDSHAKE);
    }

    @Property(tries = 3000)
    void anyAnswerIsAWelcomeOrAProtocolException(@ForAll @Size(max = 64) byte[] frame) {
        try {
            Handshake.Welcome welcome = Handshake.Welcome.read(ByteBuffer.wrap(frame));
            assertThat(frame[0]).isEqualTo(Opcodes.WELCOME);
            assertThat(welcome).isNotNull();
        }
        catch (ProtocolException ex) {
            assertThat(ex.errorCode()).isBetween(0, 0xFFFF);
        }
    }

    /** A HELLO frame body, written field by field as docs/PROTOCOL.md lays it out. */
    private static byte[] hello(int magic, int version, long pid, String name) {
        byte[] text = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + 2 + 8 + 4 + text.length).put(Opcodes.HELLO).putInt(magic)
                .putShort((short) version).putLong(pid).putInt(text.length).put(text).array();
    }
}
