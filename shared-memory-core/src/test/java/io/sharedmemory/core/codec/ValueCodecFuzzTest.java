package io.sharedmemory.core.codec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.sharedmemory.core.SharedMemoryCodecException;
import io.sharedmemory.core.codec.model.Point;
import io.sharedmemory.core.wire.Allocations;
import io.sharedmemory.core.codec.untrusted.Bomb;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The value codec under hostile input, beyond {@link ValueCodecPropertiesTest}: a huge length
 * or count planted anywhere is refused without allocating what it asks for; nesting of any
 * shape and depth, in the binary form or in an object's JSON, ends in a
 * {@link SharedMemoryCodecException}, never a {@link StackOverflowError}; and whatever class
 * name a value carries, no class outside the trusted packages is even asked for.
 */
class ValueCodecFuzzTest {

    private final RecordingClassLoader loader = new RecordingClassLoader();

    private final ValueCodec codec = new ValueCodec(List.of(ValueCodecTest.MODEL), this.loader);

    @Property(tries = 2000)
    void aHugeLengthOrCountPlantedAnywhereIsRefusedWithoutAllocatingIt(@ForAll("values") Object value,
            @ForAll @IntRange(min = 0, max = 10_000) int position,
            @ForAll @LongRange(min = 1 << 20, max = 0xFFFFFFFFL) long huge) {
        byte[] bytes = this.codec.encode(value);
        int at = position % Math.max(1, bytes.length - 3);
        if (bytes.length < 5) {
            return;
        }
        Bytes.putInt(bytes, at, (int) huge);
        // A first run loads classes and builds Jackson's readers; the second shows what the input costs.
        onlyCodecErrors(bytes);
        Allocations allocations = Allocations.start();
        onlyCodecErrors(bytes);
        // Honest work on a value of a few hundred bytes takes kilobytes; trusting the planted
        // number would take at least a megabyte.
        assertThat(allocations.bytes()).isLessThan(512 * 1024);
    }

    @Property(tries = 200)
    void nestingOfAnyShapeBeyondTheLimitIsACodecErrorNotAStackOverflow(@ForAll("shapes") List<Integer> shape,
            @ForAll @IntRange(min = ValueCodec.MAX_DEPTH + 1, max = 20_000) int depth) {
        byte[] deep = nested(shape, depth);
        assertThatThrownBy(() -> this.codec.validate(deep)).isInstanceOf(SharedMemoryCodecException.class)
                .hasMessageContaining("deeper");
        assertThatThrownBy(() -> this.codec.decode(deep)).isInstanceOf(SharedMemoryCodecException.class);
        assertThatThrownBy(() -> this.codec.sameValue(deep, this.codec.encode(1)))
                .isInstanceOf(SharedMemoryCodecException.class);
    }

    @Property(tries = 200)
    void nestingOfAnyShapeUpToTheLimitIsWellFormed(@ForAll("shapes") List<Integer> shape,
            @ForAll @IntRange(min = 1, max = ValueCodec.MAX_DEPTH) int depth) {
        this.codec.validate(nested(shape, depth));
    }

    @Property(tries = 100)
    void deeplyNestedJsonInsideATrustedObjectIsACodecErrorNotAStackOverflow(
            @ForAll @IntRange(min = 1, max = 50_000) int depth, @ForAll boolean arrays) {
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        String json = "{\"x\":" + open.repeat(depth) + "1" + close.repeat(depth) + ",\"y\":2}";
        byte[] bytes = Blob.of().object(Point.class.getName(), json).bytes();
        // Main does not read JSON: the class name is all it checks.
        this.codec.validate(bytes);
        onlyCodecErrors(bytes);
    }

    @Property(tries = 2000)
    void anyJsonForATrustedClassIsAValueOrACodecError(@ForAll @Size(max = 200) String json) {
        onlyCodecErrors(Blob.of().object(Point.class.getName(), json).bytes());
    }

    @Property(tries = 2000)
    void noClassOutsideTheTrustedPackagesIsEverAskedFor(@ForAll("classNames") String className,
            @ForAll("nestings") int nesting) {
        this.loader.requested.clear();
        byte[] inner = Blob.of().object(className, "{\"fuse\":\"lit\"}").bytes();
        byte[] bytes = inner;
        for (int i = 0; i < nesting; i++) {
            bytes = Blob.of().u8(0x10).u8(0).u32(1).raw(bytes).bytes();
        }
        onlyCodecErrors(bytes);
        // JDK classes of java.lang, java.util and java.time may be looked at (never initialized), then refused.
        assertThat(this.loader.requested).allMatch((name) -> Stream.of(ValueCodecTest.MODEL + ".", "java.lang.",
                "java.util.", "java.time.").anyMatch(name::startsWith), "in a trusted package");
        assertThat(Bomb.Witness.FLAG).as("Bomb initialized").isFalse();
    }

    private void onlyCodecErrors(byte[] bytes) {
        for (Runnable use : List.<Runnable>of(() -> this.codec.decode(bytes), () -> this.codec.validate(bytes),
                () -> this.codec.sameValue(bytes, new byte[] { 0x01 }))) {
            try {
                use.run();
            }
            catch (SharedMemoryCodecException expected) {
                // the one failure allowed
            }
        }
    }

    /**
     * Containers {@code depth} deep around an int: each level is a list, set or map of one
     * element, of any kind, as {@code shape} cycles through.
     */
    private static byte[] nested(List<Integer> shape, int depth) {
        Blob blob = Blob.of();
        for (int level = 0; level < depth; level++) {
            int kind = shape.get(level % shape.size());
            switch (kind % 3) {
                case 0 -> blob.u8(0x10).u8(kind / 3 % 4).u32(1);
                case 1 -> blob.u8(0x11).u8(kind / 3 % 2 == 0 ? 0 : 4).u32(1);
                default -> blob.u8(0x12).u8(kind / 3 % 6).u32(1).str("k");
            }
        }
        return blob.u8(0x05).u32(7).bytes();
    }

    @Provide
    Arbitrary<List<Integer>> shapes() {
        return Arbitraries.integers().between(0, 17).list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<Integer> nestings() {
        return Arbitraries.integers().between(0, 3);
    }

    @Provide
    Arbitrary<String> classNames() {
        Arbitrary<String> gadgets = Arbitraries.of(GadgetNames.ALL);
        Arbitrary<String> lookalikes = Arbitraries.of(ValueCodecTest.MODEL + "x.Point", ValueCodecTest.MODEL,
                ValueCodecTest.MODEL + ".", "." + ValueCodecTest.MODEL + ".Point", Bomb.class.getName(),
                "[L" + Point.class.getName() + ";", Point.class.getName().replace('.', '/'), "io.sharedmemory.core.codec.model.*");
        Arbitrary<String> identifiers = Arbitraries.strings().withCharRange('a', 'z').withChars('.', '$', '_')
                .ofMinLength(1).ofMaxLength(40);
        return Arbitraries.oneOf(gadgets, lookalikes, identifiers, Arbitraries.strings().ofMaxLength(30));
    }

    @Provide
    Arbitrary<Object> values() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(12).map((s) -> (Object) s),
                Arbitraries.integers().map((i) -> (Object) i), Arbitraries.longs().map((l) -> (Object) l),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(12).map((b) -> (Object) b),
                Arbitraries.integers().between(-9, 9).map((i) -> (Object) new Point(i, i)),
                Arbitraries.just(java.math.BigInteger.TEN), Arbitraries.just(java.time.LocalDate.EPOCH));
        return Arbitraries.recursive(() -> scalars, (element) -> Arbitraries.oneOf(
                element.list().ofMaxSize(4).map((l) -> (Object) new ArrayList<>(l)),
                element.list().ofMaxSize(4).map((l) -> (Object) List.copyOf(l)),
                element.set().ofMaxSize(3).map((s) -> (Object) new LinkedHashSet<>(s)),
                Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(4), element).ofMaxSize(3)
                        .map((m) -> (Object) new HashMap<>(m)),
                Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(4), element).ofMaxSize(3)
                        .map((m) -> (Object) new ConcurrentHashMap<>(m))), 0, 3);
    }

    /** Remembers every class name it is asked to load. */
    private static final class RecordingClassLoader extends ClassLoader {

        private final Set<String> requested = ConcurrentHashMap.newKeySet();

        RecordingClassLoader() {
            super(ValueCodecFuzzTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            this.requested.add(name);
            return super.loadClass(name, resolve);
        }
    }
}
