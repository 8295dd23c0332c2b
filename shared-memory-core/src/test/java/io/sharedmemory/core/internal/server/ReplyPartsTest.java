package io.sharedmemory.core.internal.server;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sharedmemory.core.internal.codec.ValueCodec;
import io.sharedmemory.core.internal.protocol.EntriesPart;
import io.sharedmemory.core.internal.protocol.EntriesReply;
import io.sharedmemory.core.internal.protocol.ErrorReply;
import io.sharedmemory.core.internal.protocol.KeyListReply;
import io.sharedmemory.core.internal.protocol.KeysPart;
import io.sharedmemory.core.internal.protocol.Replies;
import io.sharedmemory.core.internal.protocol.Reply;
import io.sharedmemory.core.internal.store.InMemoryStore;
import io.sharedmemory.core.internal.store.Snapshot;
import io.sharedmemory.core.internal.store.StoredValue;
import io.sharedmemory.core.internal.wire.ErrorCodes;
import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** How a listing reply is cut into frames: boundaries, refusals, and that the parts add up. */
class ReplyPartsTest {

    private static final int ID = 77;

    private final InMemoryStore store = new InMemoryStore(new ValueCodec(List.of(), null));

    private final List<String> order = new ArrayList<>();

    @AfterEach
    void close() {
        this.store.close();
    }

    @Test
    void anEmptyListingIsOneLastFrameWithNothingInIt() {
        List<Reply> frames = frames(ReplyParts.entries(Snapshot.empty()), 1024, true);
        assertThat(frames).containsExactly(new EntriesReply(Map.of()));
        assertThat(frames(ReplyParts.keys(List.of()), 1024, true)).containsExactly(new KeyListReply(List.of()));
    }

    @Test
    void aListingThatFitsIsOneFrameOfTheUsualOpcodeForEveryClient() {
        put("a", 10);
        put("b", 20);
        for (boolean parts : new boolean[] {true, false}) {
            List<Reply> frames = frames(ReplyParts.entries(listed()), 1024, parts);
            assertThat(frames).hasSize(1).first().isInstanceOf(EntriesReply.class);
            assertThat(((EntriesReply) frames.get(0)).entries()).containsOnlyKeys("a", "b");
        }
    }

    @Test
    void aFrameExactlyAtTheLimitIsOneFrameAndOneByteMoreMakesAPart() {
        // 9 fixed bytes, then per entry 4 + 1 (key) + 4 + value bytes.
        int limit = 1000;
        put("a", 486);
        put("b", 487);
        List<ByteBuffer> exact = encoded(ReplyParts.entries(listed()), limit, true);
        assertThat(exact).hasSize(1);
        assertThat(exact.get(0).remaining()).isEqualTo(limit);
        assertThat(exact.get(0).get(0)).isEqualTo(EntriesReply.OPCODE);

        this.order.clear();
        put("a", 486);
        put("b", 488);
        List<Reply> split = frames(ReplyParts.entries(listed()), limit, true);
        assertThat(split).hasSize(2);
        assertThat(split.get(0)).isInstanceOf(EntriesPart.class);
        assertThat(((EntriesPart) split.get(0)).entries()).containsOnlyKeys("a");
        assertThat(((EntriesReply) split.get(1)).entries()).containsOnlyKeys("b");
    }

    @Test
    void manyEntriesComeAsPartsWithinTheLimitThenTheLastFrameAndAddUpToTheListing() {
        Random random = new Random(42);
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (int i = 0; i < 3000; i++) {
            String key = "key:" + i + (i % 7 == 0 ? "é" : "");
            sizes.put(key, random.nextInt(200));
            put(key, sizes.get(key));
        }
        int limit = 4096;
        List<ByteBuffer> frames = encoded(ReplyParts.entries(listed()), limit, true);
        assertThat(frames.size()).isGreaterThan(50);
        Map<String, byte[]> all = new LinkedHashMap<>();
        for (int i = 0; i < frames.size(); i++) {
            ByteBuffer frame = frames.get(i);
            assertThat(frame.remaining()).as("frame %d", i).isLessThanOrEqualTo(limit);
            Reply reply = read(frame);
            boolean last = i == frames.size() - 1;
            assertThat(reply).as("frame %d", i).isInstanceOf(last ? EntriesReply.class : EntriesPart.class);
            all.putAll(last ? ((EntriesReply) reply).entries() : ((EntriesPart) reply).entries());
        }
        assertThat(new ArrayList<>(all.keySet())).isEqualTo(this.order);
        sizes.forEach((key, size) -> assertThat(all.get(key)).hasSize(size));
    }

    @Test
    void anEntryLargerThanAPartsAimButWithinTheLimitGoesAlone() {
        put("small", 10);
        put("large", ReplyParts.PART_BYTES + 100);
        put("tail", 10);
        List<Reply> frames = frames(ReplyParts.entries(listed()), 1 << 20, true);
        assertThat(frames).hasSize(3);
        assertThat(((EntriesPart) frames.get(1)).entries()).containsOnlyKeys("large");
    }

    @Test
    void anEntryTooLargeForAnyFrameIsRefusedNamingItsKeyEvenAfterParts() {
        put("first", 900);
        put("second", 900);
        put("huge", 2000);
        List<Reply> frames = frames(ReplyParts.entries(listed()), 1024, true);
        assertThat(frames).hasSize(3);
        assertThat(frames.get(0)).isInstanceOf(EntriesPart.class);
        assertThat(frames.get(1)).isInstanceOf(EntriesPart.class);
        assertThat(frames.get(2)).isInstanceOfSatisfying(ErrorReply.class, (error) -> {
            assertThat(error.code()).isEqualTo(ErrorCodes.TOO_LARGE);
            assertThat(error.message()).contains("'huge'", "max-frame-size", "1024");
        });
    }

    @Test
    void aClientThatDoesNotAssemblePartsGetsTooLargeForAListingThatNeedsThem() {
        put("a", 600);
        put("b", 600);
        List<Reply> frames = frames(ReplyParts.entries(listed()), 1024, false);
        assertThat(frames).singleElement().isInstanceOfSatisfying(ErrorReply.class, (error) -> {
            assertThat(error.code()).isEqualTo(ErrorCodes.TOO_LARGE);
            assertThat(error.message()).contains("2 entries", "in parts");
        });
    }

    @Test
    void keysComeInPartsToo() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            keys.add("user:" + i);
        }
        List<ByteBuffer> frames = encoded(ReplyParts.keys(keys), 256, true);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            assertThat(frames.get(i).remaining()).isLessThanOrEqualTo(256);
            Reply reply = read(frames.get(i));
            all.addAll((i < frames.size() - 1) ? ((KeysPart) reply).keys() : ((KeyListReply) reply).keys());
        }
        assertThat(frames.size()).isGreaterThan(10);
        assertThat(all).isEqualTo(keys);
    }

    private void put(String key, int valueBytes) {
        byte[] value = new byte[valueBytes];
        Arrays.fill(value, (byte) 'v');
        this.store.set(key, StoredValue.encoded(value), 0);
        this.order.add(key);
    }

    /** The entries put, in the order put (getMany keeps the order asked). */
    private Snapshot listed() {
        return this.store.getMany(this.order);
    }

    private static List<Reply> frames(ReplyParts.Listing listing, int limit, boolean parts) {
        return encoded(listing, limit, parts).stream().map(ReplyPartsTest::read).toList();
    }

    /** Every frame body written, each checked to carry the id and to be written whole. */
    private static List<ByteBuffer> encoded(ReplyParts.Listing listing, int limit, boolean parts) {
        ReplyParts reply = new ReplyParts(ID, listing, limit, parts);
        List<ByteBuffer> frames = new ArrayList<>();
        boolean more = true;
        while (more) {
            FrameEncoder out = new FrameEncoder();
            more = reply.writeNext(out);
            ByteBuffer frame = out.buffer();
            assertThat(frame.getInt()).as("one whole frame").isEqualTo(frame.remaining());
            frames.add(frame.slice());
            assertThat(frames).as("frames written").hasSizeLessThan(100_000);
        }
        return frames;
    }

    private static Reply read(ByteBuffer frame) {
        FrameBody body = new FrameBody(frame.duplicate());
        byte opcode = body.opcode();
        assertThat(body.int32()).as("the request's id").isEqualTo(ID);
        return Replies.read(opcode, body);
    }
}
