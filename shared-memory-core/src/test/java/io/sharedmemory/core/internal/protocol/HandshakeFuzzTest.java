package io.sharedmemory.core.internal.protocol;

import io.sharedmemory.core.internal.wire.ErrorCodes;
import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.Opcodes;
import io.sharedmemory.core.internal.wire.ProtocolException;

import java.nio.ByteBuffer;
import java.util.Arrays;

import io.sharedmemory.core.testing.Tries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The handshake under arbitrary input: main reads any first frame as a good {@code HELLO} or
 * refuses it with {@code BAD_HANDSHAKE} or {@code UNSUPPORTED_VERSION}; a child reads any
 * answer as a {@code WELCOME} or a {@link ProtocolException}. Nothing else escapes. Inputs
 * come from a seeded {@link Tries} run; a failure names its seed and input.
 */
class HandshakeFuzzTest {

    @Test
    void anyFirstFrameIsAHelloOrABadHandshake() {
        Tries.forAll(3000, (random) -> random.bytes(0, 64), HandshakeFuzzTest::isAHelloOrABadHandshake);
    }

    private static void isAHelloOrABadHandshake(byte[] frame) {
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

    @Test
    void aHelloOfAnotherVersionIsRefusedAsUnsupported() {
        Tries.forAll(1000, (random) -> new HelloFields(random.intBetween(0, 0xFFFF), random.anyLong(),
                random.text(0, 40)), HandshakeFuzzTest::isReadOrRefusedAsUnsupported);
    }

    private static void isReadOrRefusedAsUnsupported(HelloFields input) {
        int version = input.version();
        long pid = input.pid();
        String name = input.name();
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

    @Test
    void aWrongMagicIsABadHandshakeWhateverFollows() {
        Tries.forAll(1000, (random) -> new WrongMagic(random.anyInt(), random.intBetween(0, 0xFFFF),
                random.anyLong()), (input) -> {
                    if (input.magic() == Handshake.MAGIC) {
                        return;
                    }
                    byte[] frame = hello(input.magic(), input.version(), input.pid(), "x");
                    assertThatThrownBy(() -> Handshake.Hello.read(ByteBuffer.wrap(frame)))
                            .isInstanceOf(ProtocolException.class)
                            .extracting((ex) -> ((ProtocolException) ex).errorCode())
                            .isEqualTo(ErrorCodes.BAD_HANDSHAKE);
                });
    }

    @Test
    void aHelloCutShortOrPaddedIsABadHandshake() {
        Tries.forAll(1000, (random) -> new Resized(random.anyLong(), random.text(0, 20), random.intBetween(-30, 30)),
                (input) -> {
                    byte[] whole = hello(Handshake.MAGIC, Handshake.VERSION, input.pid(), input.name());
                    if (input.change() == 0) {
                        return;
                    }
                    byte[] frame = Arrays.copyOf(whole, Math.max(0, whole.length + input.change()));
                    assertThatThrownBy(() -> Handshake.Hello.read(ByteBuffer.wrap(frame)))
                            .isInstanceOf(ProtocolException.class)
                            .extracting((ex) -> ((ProtocolException) ex).errorCode())
                            .isEqualTo(ErrorCodes.BAD_HANDSHAKE);
                });
    }

    @Test
    void anyAnswerIsAWelcomeOrAProtocolException() {
        Tries.forAll(3000, (random) -> random.bytes(0, 64), HandshakeFuzzTest::isAWelcomeOrAProtocolException);
    }

    private static void isAWelcomeOrAProtocolException(byte[] frame) {
        try {
            Handshake.Welcome welcome = Handshake.Welcome.read(ByteBuffer.wrap(frame));
            assertThat(frame[0]).isEqualTo(Opcodes.WELCOME);
            assertThat(welcome).isNotNull();
        }
        catch (ProtocolException ex) {
            assertThat(ex.errorCode()).isBetween(0, 0xFFFF);
        }
    }

    /** The fields of a HELLO, any version. */
    private record HelloFields(int version, long pid, String name) {
    }

    /** A HELLO's leading fields with any magic. */
    private record WrongMagic(int magic, int version, long pid) {
    }

    /** A good HELLO, then {@code change} bytes cut off its end (negative) or added to it. */
    private record Resized(long pid, String name, int change) {
    }

    /** A HELLO frame body, written field by field as docs/PROTOCOL.md lays it out. */
    private static byte[] hello(int magic, int version, long pid, String name) {
        byte[] text = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + 2 + 8 + 4 + text.length).put(Opcodes.HELLO).putInt(magic)
                .putShort((short) version).putLong(pid).putInt(text.length).put(text).array();
    }
}
