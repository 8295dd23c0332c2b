package io.sharedmemory.core.internal.protocol;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import io.sharedmemory.core.KeyEvent;
import io.sharedmemory.core.internal.wire.ErrorCodes;
import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.ProtocolException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code WATCH}, {@code UNWATCH} and {@code KEY_EVENT} read back as written, in every shape they
 * can take, and a malformed one (unknown type or flag, values that contradict the flags or the
 * type, bytes left over, cut short) is refused with {@code PROTOCOL_ERROR}.
 */
class WatchFramesTest {

    private static final byte[] V1 = {1, 2, 3};

    private static final byte[] V2 = {4};

    @Test
    void watchAndUnwatchReadBackAsWritten() {
        assertThat(readRequest(write(new Watch("config.*", true), 7))).isEqualTo(new Watch("config.*", true));
        assertThat(readRequest(write(new Watch("a", false), 7))).isEqualTo(new Watch("a", false));
        assertThat(readRequest(write(new Unwatch("config.*"), 7))).isEqualTo(new Unwatch("config.*"));
        assertThat(Requests.operation(new Watch("a", true))).isEqualTo("watch");
        assertThat(Requests.operation(new Unwatch("a"))).isEqualTo("unwatch");
    }

    @Test
    void everyShapeOfAKeyEventReadsBackAsWritten() {
        KeyEventPush[] shapes = {
            new KeyEventPush(1, KeyEvent.Type.SET, "k", false, null, V1),
            new KeyEventPush(2, KeyEvent.Type.SET, "k", false, V1, V2),
            new KeyEventPush(3, KeyEvent.Type.DELETE, "k", false, V2, null),
            new KeyEventPush(4, KeyEvent.Type.EXPIRE, "k", false, V1, null),
            new KeyEventPush(Long.MAX_VALUE, KeyEvent.Type.SET, "ключ", true, null, null),
            new KeyEventPush(-1, KeyEvent.Type.EXPIRE, "", true, null, null),
        };
        for (KeyEventPush shape : shapes) {
            FrameEncoder out = new FrameEncoder();
            shape.write(out);
            assertThat(readPush(out.toByteArray())).isEqualTo(shape);
        }
        // The layout, byte by byte, as docs/PROTOCOL.md gives it.
        FrameEncoder out = new FrameEncoder();
        new KeyEventPush(5, KeyEvent.Type.SET, "k", false, V2, V1).write(out);
        assertThat(HexFormat.of().formatHex(out.toByteArray()))
                .isEqualTo("0000001c" + "62" + "0000000000000005" + "01" + "000000016b" + "03" + "0000000104"
                        + "00000003010203");
    }

    @Test
    void aKeyEventWhoseValuesContradictItsFlagsOrTypeCannotBeMade() {
        assertThatThrownBy(() -> new KeyEventPush(1, KeyEvent.Type.SET, "k", false, V1, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyEventPush(1, KeyEvent.Type.DELETE, "k", false, V1, V2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyEventPush(1, KeyEvent.Type.EXPIRE, "k", false, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyEventPush(1, KeyEvent.Type.SET, "k", true, null, V1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedKeyEventsAreRefused() {
        String head = "62" + "0000000000000001";
        String key = "000000016b";
        refused(head + "00" + key + "00");                       // type 0
        refused(head + "04" + key + "00");                       // type 4
        refused(head + "01" + key + "08");                       // unknown flag bit
        refused(head + "01" + key + "00");                       // SET with values but no new value
        refused(head + "02" + key + "03" + "0000000104" + "0000000104"); // DELETE with a new value
        refused(head + "01" + key + "06" + "0000000104");        // keys only, yet a value
        refused(head + "01" + key + "04" + "ff");                // a byte left over
        refused(head + "01" + key + "02" + "00000005ff");        // the value cut short
        refused("62" + "000000");                                // the sequence cut short
    }

    @Test
    void aWatchWithAnUnknownFlagIsRefused() {
        FrameEncoder out = new FrameEncoder();
        out.begin(Watch.OPCODE).putInt(9).putU8(0x02).putString("a*");
        out.end();
        assertThatThrownBy(() -> readRequest(out.toByteArray())).isInstanceOf(ProtocolException.class)
                .satisfies((ex) -> assertThat(((ProtocolException) ex).errorCode()).isEqualTo(ErrorCodes.PROTOCOL_ERROR));
    }

    private static void refused(String bodyHex) {
        byte[] body = HexFormat.of().parseHex(bodyHex);
        FrameBody frame = new FrameBody(ByteBuffer.wrap(body));
        byte opcode = frame.opcode();
        assertThatThrownBy(() -> Pushes.read(opcode, frame)).as(bodyHex).isInstanceOf(ProtocolException.class)
                .satisfies((ex) -> assertThat(((ProtocolException) ex).errorCode()).isEqualTo(ErrorCodes.PROTOCOL_ERROR));
    }

    private static byte[] write(Request request, int id) {
        FrameEncoder out = new FrameEncoder();
        request.write(out, id);
        return out.toByteArray();
    }

    private static Request readRequest(byte[] frame) {
        FrameBody body = new FrameBody(ByteBuffer.wrap(frame, 4, frame.length - 4).slice());
        byte opcode = body.opcode();
        assertThat(body.int32()).isNotNegative();
        return Requests.read(opcode, body);
    }

    private static Push readPush(byte[] frame) {
        FrameBody body = new FrameBody(ByteBuffer.wrap(frame, 4, frame.length - 4).slice());
        byte opcode = body.opcode();
        assertThat(Pushes.isPush(opcode)).isTrue();
        return Pushes.read(opcode, body);
    }
}
