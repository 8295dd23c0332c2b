package io.sharedmemory.redis;

import java.nio.charset.StandardCharsets;

import io.sharedmemory.core.KeyEvent.Type;
import io.sharedmemory.core.SharedMemoryCodecException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The layout of an event frame and of a handshake message, as the scripts build them. */
class RedisKeyEventFrameTests {

    @Test
    void aSetWithAndWithoutAnOldValueAndADeleteAreRead() {
        RedisKeyEventFrame set = RedisKeyEventFrame.decode(bytes("S3:old12"));
        assertThat(set.type()).isEqualTo(Type.SET);
        assertThat(set.oldValue()).isEqualTo(bytes("old"));
        assertThat(set.newValue()).isEqualTo(bytes("12"));
        RedisKeyEventFrame created = RedisKeyEventFrame.decode(bytes("S-:new"));
        assertThat(created.oldValue()).isNull();
        assertThat(created.newValue()).isEqualTo(bytes("new"));
        RedisKeyEventFrame deleted = RedisKeyEventFrame.decode(bytes("D2:ab"));
        assertThat(deleted.type()).isEqualTo(Type.DELETE);
        assertThat(deleted.oldValue()).isEqualTo(bytes("ab"));
        assertThat(deleted.newValue()).isNull();
        // Values are binary: a ':' or a digit inside the old value is just a byte.
        assertThat(RedisKeyEventFrame.decode(bytes("S4:1:2:x")).oldValue()).isEqualTo(bytes("1:2:"));
    }

    @Test
    void malformedFramesAreRefusedWithACodecError() {
        for (String bad : new String[] { "", "X-:a", "S", "S12", "S9:short", "S-1:a", "Sx:a" }) {
            assertThatExceptionOfType(SharedMemoryCodecException.class).as(bad)
                .isThrownBy(() -> RedisKeyEventFrame.decode(bytes(bad)));
        }
    }

    @Test
    void handshakeMessagesRoundTripAndOthersAreIgnored() {
        RedisWatchControl watching = new RedisWatchControl('W', "t-1", 30_000);
        assertThat(RedisWatchControl.decode(watching.encode())).isEqualTo(watching);
        assertThat(RedisWatchControl.decode(bytes("R t-1 100"))).isEqualTo(new RedisWatchControl('R', "t-1", 100));
        assertThat(RedisWatchControl.decode(bytes("U t-1"))).isEqualTo(new RedisWatchControl('U', "t-1", 0));
        assertThat(RedisWatchControl.decode(RedisWatchControl.ack("t-1").encode())).isEqualTo(RedisWatchControl.ack("t-1"));
        for (String bad : new String[] { "hello", "W", "W t-1", "W t-1 soon", "U t-1 5", "X t-1" }) {
            assertThat(RedisWatchControl.decode(bytes(bad))).as(bad).isNull();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
