package io.sharedmemory.core.it;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryCodecException;
import io.sharedmemory.core.internal.server.MainKeyValueStore;
import io.sharedmemory.core.internal.wire.ErrorCodes;
import io.sharedmemory.core.internal.codec.GadgetNames;
import io.sharedmemory.core.internal.wire.Opcodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Hostile values, sent as a raw client or a child would: classes outside the trusted packages
 * (known deserialization gadgets among them), type hints smuggled inside trusted JSON, cyclic
 * values and values 10,000 levels deep. Each is refused with the project's exception (or an
 * {@code ERROR BAD_VALUE} and a log line in main), nothing is instantiated, and what was
 * stored does not change.
 */
class HostilePayloadTest {

    private static final int DEEP = 10_000;

    @TempDir
    Path folder;

    private MainKeyValueStore main;

    private AgentProcess child;

    private LogCapture log;

    private RawClient raw;

    private int ids;

    @BeforeEach
    void start() throws Exception {
        Path socket = this.folder.resolve("hostile.sock");
        this.log = LogCapture.of("io.sharedmemory.core.internal.server.RequestHandler");
        this.main = (MainKeyValueStore) SharedMemory.builder().socketPath(socket)
                .trustedPackages(Point.class.getPackageName()).startMain();
        this.main.set("target", "original");
        this.child = AgentProcess.child(socket);
        this.child.call("subscribe news");
        this.raw = new RawClient(socket);
        this.raw.hello();
        assertThat(this.raw.readFrame().get()).isEqualTo(Opcodes.WELCOME);
    }

    @AfterEach
    void stop() throws Exception {
        this.raw.close();
        this.child.close();
        this.main.close();
        this.log.close();
    }

    @Test
    void gadgetClassesAreRefusedByMainWithALogLineWhereverTheyHide() throws Exception {
        Path witness = this.folder.resolve("pwned");
        String json = "{\"dataSourceName\":\"ldap://127.0.0.1:1389/x\",\"autoCommit\":true,"
                + "\"command\":[\"touch\",\"" + witness + "\"]}";
        for (String gadget : GadgetNames.ALL) {
            byte[] object = object(gadget, json);
            byte[] hidden = map("inner", list(list(object)));
            assertRefused(RawClient.frame(Opcodes.SET, ++this.ids, "target", 0L, object), gadget);
            assertRefused(RawClient.frame(Opcodes.SET, ++this.ids, "target", 0L, hidden), gadget);
            assertRefused(RawClient.frame(Opcodes.SET_IF_ABSENT, ++this.ids, "fresh", 0L, object), gadget);
            assertRefused(RawClient.frame(Opcodes.COMPARE_AND_SET, ++this.ids, "target", string("original"), object),
                    gadget);
            assertRefused(RawClient.frame(Opcodes.PUBLISH, ++this.ids, "news", hidden), gadget);
            assertThat(this.log.has("Refused a value", gadget)).as("log line naming " + gadget).isTrue();
        }
        assertUnchanged();
        assertThat(this.main.get("fresh")).isNull();
        assertThat(witness).doesNotExist();
        // Nothing refused was delivered: the next message is the first the child sees.
        this.main.publish("news", "after");
        await().atMost(Duration.ofSeconds(10)).until(() -> !this.child.messages().isEmpty());
        assertThat(this.child.messages().poll()).isEqualTo("MSG news after");
    }

    @Test
    void classNamesInsideTrustedJsonAreJustText() throws Exception {
        String smuggled = "{\"payload\":[\"com.sun.rowset.JdbcRowSetImpl\",{\"@class\":\"java.lang.ProcessBuilder\","
                + "\"dataSourceName\":\"ldap://127.0.0.1:1389/x\"}]}";
        assertOk(RawClient.frame(Opcodes.SET, ++this.ids, "envelope", 0L, object(Envelope.class.getName(), smuggled)));
        Object read = this.main.get("envelope");
        assertThat(read).isInstanceOf(Envelope.class);
        List<?> payload = (List<?>) ((Envelope) read).payload();
        assertThat(payload.get(0)).isEqualTo("com.sun.rowset.JdbcRowSetImpl");
        assertThat(payload.get(1)).isInstanceOf(java.util.Map.class);
        assertThat(this.child.call("get envelope")).startsWith("VALUE " + Envelope.class.getName());

        // A type hint on a record with fixed fields is an unknown property: the reader refuses it.
        assertOk(RawClient.frame(Opcodes.SET, ++this.ids, "hinted", 0L,
                object(Point.class.getName(), "{\"@class\":\"com.sun.rowset.JdbcRowSetImpl\",\"x\":1,\"y\":2}")));
        assertThat(this.child.call("get hinted")).startsWith("ERR SharedMemoryCodecException");
        assertThatThrownBy(() -> this.main.get("hinted")).isInstanceOf(SharedMemoryCodecException.class);
        assertUnchanged();
    }

    @Test
    void cyclicValuesAreRefusedWhereTheyAreMade() {
        assertThat(this.child.call("setcyclic target")).startsWith("ERR SharedMemoryCodecException");
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(List.of("x", cyclic));
        assertThatThrownBy(() -> this.main.set("target", cyclic)).isInstanceOf(SharedMemoryCodecException.class)
                .hasMessageContaining("cycle");
        Node node = new Node();
        node.next = node;
        assertThatThrownBy(() -> this.main.set("target", node)).isInstanceOf(SharedMemoryCodecException.class);
        assertThatThrownBy(() -> this.main.publish("news", cyclic)).isInstanceOf(SharedMemoryCodecException.class);
        assertUnchanged();
    }

    @Test
    void tenThousandLevelsDeepAreRefusedWithoutAStackOverflow() throws Exception {
        assertThat(this.child.call("setdeep target " + DEEP)).startsWith("ERR SharedMemoryCodecException");
        assertThatThrownBy(() -> this.main.set("target", nested(DEEP))).isInstanceOf(SharedMemoryCodecException.class);

        byte[] deep = deepList(DEEP);
        assertRefused(RawClient.frame(Opcodes.SET, ++this.ids, "target", 0L, deep), "deeper");
        assertRefused(RawClient.frame(Opcodes.PUBLISH, ++this.ids, "news", deep), "deeper");
        assertRefused(RawClient.frame(Opcodes.COMPARE_AND_SET, ++this.ids, "target", deep, string("x")), "deeper");

        // Main keeps JSON as bytes, so JSON nested 10,000 deep is the reader's to refuse, and it does.
        String json = "{\"x\":" + "[".repeat(DEEP) + "]".repeat(DEEP) + ",\"y\":1}";
        byte[] deepJson = object(Point.class.getName(), json);
        assertOk(RawClient.frame(Opcodes.SET, ++this.ids, "deep-json", 0L, deepJson));
        assertThat(this.child.call("get deep-json")).startsWith("ERR SharedMemoryCodecException");
        assertThatThrownBy(() -> this.main.get("deep-json")).isInstanceOf(SharedMemoryCodecException.class);
        // Comparing by value does read it, in main: refused, and the stored value stays.
        assertRefused(RawClient.frame(Opcodes.COMPARE_AND_SET, ++this.ids, "target", deepJson, string("x")), "JSON");
        assertUnchanged();
    }

    /** The request gets {@code ERROR BAD_VALUE} naming the problem, and the connection stays usable. */
    private void assertRefused(byte[] request, String why) throws Exception {
        ByteBuffer reply = this.raw.request(request);
        assertThat(reply.get()).isEqualTo(Opcodes.ERROR);
        reply.getInt();
        assertThat(reply.getShort()).isEqualTo((short) ErrorCodes.BAD_VALUE);
        byte[] message = new byte[reply.getInt()];
        reply.get(message);
        assertThat(new String(message, StandardCharsets.UTF_8)).contains(why);
        assertOk(RawClient.frame(Opcodes.PING, ++this.ids));
    }

    private void assertOk(byte[] request) throws Exception {
        assertThat(this.raw.request(request).get()).isEqualTo(Opcodes.OK);
    }

    private void assertUnchanged() {
        assertThat(this.main.get("target")).isEqualTo("original");
        assertThat(this.child.call("get target")).isEqualTo("VALUE java.lang.String original");
    }

    private static Object nested(int depth) {
        Object value = "core";
        for (int i = 0; i < depth; i++) {
            value = new ArrayList<>(List.of(value));
        }
        return value;
    }

    /** Encoded values, written by hand as a hostile client would (docs/PROTOCOL.md, "Values"). */
    private static byte[] object(String className, String json) {
        return concat(new byte[] { 0x20 }, sized(className.getBytes(StandardCharsets.UTF_8)),
                sized(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] string(String text) {
        return concat(new byte[] { 0x0A }, sized(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] list(byte[] element) {
        return concat(new byte[] { 0x10, 0, 0, 0, 0, 1 }, element);
    }

    private static byte[] map(String key, byte[] value) {
        return concat(new byte[] { 0x12, 0, 0, 0, 0, 1 }, sized(key.getBytes(StandardCharsets.UTF_8)), value);
    }

    private static byte[] deepList(int depth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < depth; i++) {
            out.writeBytes(new byte[] { 0x10, 0, 0, 0, 0, 1 });
        }
        out.writeBytes(new byte[] { 0x05, 0, 0, 0, 7 });
        return out.toByteArray();
    }

    private static byte[] sized(byte[] bytes) {
        return concat(ByteBuffer.allocate(4).putInt(bytes.length).array(), bytes);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
