package io.sharedmemory.core.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sharedmemory.core.SharedMemoryCodecException;
import io.sharedmemory.core.internal.codec.model.Point;
import io.sharedmemory.core.testing.SeededRandom;
import io.sharedmemory.core.testing.Tries;
import org.junit.jupiter.api.Test;

/**
 * Whatever bytes arrive, the codec answers with a value or a SharedMemoryCodecException,
 * nothing else; generated values read back equal; and a map's bytes compare equal whatever
 * its insertion order. Inputs come from a seeded {@link Tries} run; a failure names its seed
 * and input.
 */
class ValueCodecPropertiesTest {

    final ValueCodec codec = new ValueCodec(List.of(ValueCodecTest.MODEL), null);

    @Test
    void arbitraryBytesNeverThrowAnythingElse() {
        Tries.forAll(3000, (random) -> random.bytes(0, 64), this::onlyCodecErrors);
    }

    @Test
    void corruptedValuesNeverThrowAnythingElse() {
        Tries.forAll(3000, (random) -> new Corruption(value(random, 4), random.anyInt(), random.anyByte()),
                (input) -> {
                    byte[] bytes = codec.encode(input.value());
                    bytes[Math.floorMod(input.position(), bytes.length)] = input.replacement();
                    onlyCodecErrors(bytes);
                });
    }

    @Test
    void generatedValuesReadBackEqual() {
        Tries.forAll(500, (random) -> value(random, 4), (value) -> {
            byte[] bytes = codec.encode(value);
            codec.validate(bytes);
            Object copy = codec.decode(bytes);
            assertThat(copy).isEqualTo(value);
            assertThat(codec.sameValue(bytes, codec.encode(copy))).isTrue();
        });
    }

    @Test
    void mapsCompareEqualWhateverTheInsertionOrder() {
        Tries.forAll(200, ValueCodecPropertiesTest::map, (map) -> {
            LinkedHashMap<String, Integer> forward = new LinkedHashMap<>(map);
            List<String> keys = new ArrayList<>(map.keySet());
            Collections.reverse(keys);
            LinkedHashMap<String, Integer> backward = new LinkedHashMap<>();
            keys.forEach(k -> backward.put(k, map.get(k)));
            assertThat(codec.sameValue(codec.encode(forward), codec.encode(backward))).isTrue();
        });
    }

    private void onlyCodecErrors(byte[] bytes) {
        try {
            codec.decode(bytes);
        } catch (SharedMemoryCodecException expected) {
            // fine
        }
        try {
            codec.validate(bytes);
        } catch (SharedMemoryCodecException expected) {
            // fine
        }
        try {
            codec.sameValue(bytes, new byte[] {0x01});
        } catch (SharedMemoryCodecException expected) {
            // fine
        }
    }

    /**
     * A scalar (text up to 20 chars, any int, long or double, true, a trusted Point), or, while
     * {@code depth} lasts, a list or map of up to 4 such values.
     */
    private static Object value(SeededRandom random, int depth) {
        if (depth == 0 || random.nextInt(3) == 0) {
            return random.oneOf((r) -> r.text(0, 20), SeededRandom::anyInt, SeededRandom::anyLong,
                    SeededRandom::anyDouble, (r) -> Boolean.TRUE, (r) -> {
                        int i = r.intBetween(-50, 50);
                        return new Point(i, -i);
                    });
        }
        if (random.nextBoolean()) {
            return new ArrayList<>(random.list(0, 4, (r) -> value(r, depth - 1)));
        }
        Map<String, Object> map = new HashMap<>();
        for (int entries = random.size(0, 4); entries > 0; entries--) {
            map.put(random.text(SeededRandom.LETTERS, 0, 5), value(random, depth - 1));
        }
        return map;
    }

    /** Up to 8 entries, keys of up to 6 chars of any text, values any int. */
    private static Map<String, Integer> map(SeededRandom random) {
        Map<String, Integer> map = new HashMap<>();
        for (int entries = random.size(0, 8); entries > 0; entries--) {
            map.put(random.text(0, 6), random.anyInt());
        }
        return map;
    }

    /** A value, and the byte to put at {@code position} (modulo its length) of its encoding. */
    private record Corruption(Object value, int position, byte replacement) {
    }
}
