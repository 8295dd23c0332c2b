package io.sharedmemory.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sharedmemory.core.SharedMemoryCodecException;
import io.sharedmemory.core.codec.model.Point;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Whatever bytes arrive, the codec answers with a value or a SharedMemoryCodecException, nothing else. */
class ValueCodecPropertiesTest {

    final ValueCodec codec = new ValueCodec(List.of(ValueCodecTest.MODEL), null);

    @Property(tries = 3000)
    void arbitraryBytesNeverThrowAnythingElse(@ForAll @Size(max = 64) byte[] bytes) {
        onlyCodecErrors(bytes);
    }

    @Property(tries = 3000)
    void corruptedValuesNeverThrowAnythingElse(@ForAll("values") Object value, @ForAll int position,
            @ForAll byte replacement) {
        byte[] bytes = codec.encode(value);
        bytes[Math.floorMod(position, bytes.length)] = replacement;
        onlyCodecErrors(bytes);
    }

    @Property(tries = 500)
    void generatedValuesReadBackEqual(@ForAll("values") Object value) {
        byte[] bytes = codec.encode(value);
        codec.validate(bytes);
        Object copy = codec.decode(bytes);
        assertThat(copy).isEqualTo(value);
        assertThat(codec.sameValue(bytes, codec.encode(copy))).isTrue();
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

    @Provide
    Arbitrary<Object> values() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d), Arbitraries.just(Boolean.TRUE),
                Arbitraries.integers().between(-50, 50).map(i -> (Object) new Point(i, -i)));
        return Arbitraries.recursive(() -> scalars, element -> Arbitraries.oneOf(
                element.list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l)),
                Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(5), element).ofMaxSize(4)
                        .map(m -> (Object) new HashMap<String, Object>(m))), 0, 4);
    }

    @Property(tries = 200)
    void mapsCompareEqualWhateverTheInsertionOrder(@ForAll("maps") Map<String, Integer> map) {
        java.util.LinkedHashMap<String, Integer> forward = new java.util.LinkedHashMap<>(map);
        List<String> keys = new ArrayList<>(map.keySet());
        java.util.Collections.reverse(keys);
        java.util.LinkedHashMap<String, Integer> backward = new java.util.LinkedHashMap<>();
        keys.forEach(k -> backward.put(k, map.get(k)));
        assertThat(codec.sameValue(codec.encode(forward), codec.encode(backward))).isTrue();
    }

    @Provide
    Arbitrary<Map<String, Integer>> maps() {
        return Arbitraries.maps(Arbitraries.strings().ofMaxLength(6), Arbitraries.integers()).ofMaxSize(8);
    }
}
