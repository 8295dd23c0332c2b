package io.sharedmemory.core.internal.codec;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.sharedmemory.core.SharedMemoryCodecException;
import io.sharedmemory.core.internal.codec.model.Point;
import io.sharedmemory.core.internal.wire.Allocations;
import io.sharedmemory.core.internal.codec.untrusted.Bomb;
import io.sharedmemory.core.testing.SeededRandom;
import io.sharedmemory.core.testing.Tries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The value codec under hostile input, beyond {@link ValueCodecPropertiesTest}: a huge length
 * or count planted anywhere is refused without allocating what it asks for; nesting of any
 * shape and depth, in the binary form or in an object's JSON, ends in a
 * {@link SharedMemoryCodecException}, never a {@link StackOverflowError}; and whatever class
 * name a value carries, no class outside the trusted packages is even asked for. Inputs come
 * from a seeded {@link Tries} run; a failure names its seed and input.
 */
class ValueCodecFuzzTest {

    private final RecordingClassLoader loader = new RecordingClassLoader();

    private final ValueCodec codec = new ValueCodec(List.of(ValueCodecTest.MODEL), this.loader);

    @Test
    void aHugeLengthOrCountPlantedAnywhereIsRefusedWithoutAllocatingIt() {
        Tries.forAll(2000, (random) -> new Planted(value(random, random.intBetween(0, 3)),
                random.intBetween(0, 10_000), random.longBetween(1 << 20, 0xFFFFFFFFL)), this::isRefusedCheaply);
    }

    private void isRefusedCheaply(Planted input) {
        int position = input.position();
        long huge = input.huge();
        byte[] bytes = this.codec.encode(input.value());
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

    @Test
    void nestingOfAnyShapeBeyondTheLimitIsACodecErrorNotAStackOverflow() {
        Tries.forAll(200, (random) -> new Nesting(shape(random), random.intBetween(ValueCodec.MAX_DEPTH + 1, 20_000)),
                (input) -> {
                    byte[] deep = nested(input.shape(), input.depth());
                    assertThatThrownBy(() -> this.codec.validate(deep))
                            .isInstanceOf(SharedMemoryCodecException.class).hasMessageContaining("deeper");
                    assertThatThrownBy(() -> this.codec.decode(deep)).isInstanceOf(SharedMemoryCodecException.class);
                    assertThatThrownBy(() -> this.codec.sameValue(deep, this.codec.encode(1)))
                            .isInstanceOf(SharedMemoryCodecException.class);
                });
    }

    @Test
    void nestingOfAnyShapeUpToTheLimitIsWellFormed() {
        Tries.forAll(200, (random) -> new Nesting(shape(random), random.intBetween(1, ValueCodec.MAX_DEPTH)),
                (input) -> this.codec.validate(nested(input.shape(), input.depth())));
    }

    @Test
    void deeplyNestedJsonInsideATrustedObjectIsACodecErrorNotAStackOverflow() {
        Tries.forAll(100, (random) -> new JsonNesting(random.intBetween(1, 50_000), random.nextBoolean()),
                (input) -> {
                    String open = input.arrays() ? "[" : "{\"a\":";
                    String close = input.arrays() ? "]" : "}";
                    String json = "{\"x\":" + open.repeat(input.depth()) + "1" + close.repeat(input.depth())
                            + ",\"y\":2}";
                    byte[] bytes = Blob.of().object(Point.class.getName(), json).bytes();
                    // Main does not read JSON: the class name is all it checks.
                    this.codec.validate(bytes);
                    onlyCodecErrors(bytes);
                });
    }

    @Test
    void anyJsonForATrustedClassIsAValueOrACodecError() {
        Tries.forAll(2000, ValueCodecFuzzTest::json,
                (json) -> onlyCodecErrors(Blob.of().object(Point.class.getName(), json).bytes()));
    }

    @Test
    void noClassOutsideTheTrustedPackagesIsEverAskedFor() {
        Tries.forAll(2000, (random) -> new Smuggled(className(random), random.intBetween(0, 3)),
                (input) -> isNeverAskedFor(input.className(), input.nesting()));
    }

    private void isNeverAskedFor(String className, int nesting) {
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

    /** One to five container kinds, 0 to 17 each, that {@link #nested} cycles through. */
    private static List<Integer> shape(SeededRandom random) {
        return random.list(1, 5, (r) -> r.intBetween(0, 17));
    }

    /**
     * A name a hostile value might carry: a known gadget, a lookalike of a trusted name, an
     * identifier of a-z, '.', '$' and '_' up to 40 chars, or any text up to 30 chars.
     */
    private static String className(SeededRandom random) {
        return random.oneOf((r) -> r.pick(GadgetNames.ALL.toArray(String[]::new)),
                (r) -> r.pick(ValueCodecTest.MODEL + "x.Point", ValueCodecTest.MODEL, ValueCodecTest.MODEL + ".",
                        "." + ValueCodecTest.MODEL + ".Point", Bomb.class.getName(),
                        "[L" + Point.class.getName() + ";", Point.class.getName().replace('.', '/'),
                        "io.sharedmemory.core.internal.codec.model.*"),
                (r) -> r.text("abcdefghijklmnopqrstuvwxyz.$_", 1, 40), (r) -> r.text(0, 30));
    }

    /**
     * Any text up to 200 chars, or up to 40 JSON tokens strung together in any order, which
     * reach further into the parser than text that breaks at its first character.
     */
    private static String json(SeededRandom random) {
        if (random.nextBoolean()) {
            return random.text(0, 200);
        }
        StringBuilder json = new StringBuilder();
        for (int tokens = random.size(0, 40); tokens > 0; tokens--) {
            json.append(random.pick("{", "}", "[", "]", ":", ",", " ", "\"x\"", "\"y\"", "\"@class\"", "1", "-1",
                    "1e999", "0.5", "null", "true", "\"\\u0000\"", "\""));
        }
        return json.toString();
    }

    /**
     * A scalar (text up to 12 chars, any int or long, bytes up to 12, a trusted Point, a
     * BigInteger, a LocalDate), or, while {@code depth} lasts, a list (mutable or not), set or
     * map (hash or concurrent) of a few such values.
     */
    private static Object value(SeededRandom random, int depth) {
        if (depth == 0 || random.nextInt(4) == 0) {
            return random.oneOf((r) -> r.text(0, 12), SeededRandom::anyInt, SeededRandom::anyLong,
                    (r) -> r.bytes(0, 12), (r) -> {
                        int i = r.intBetween(-9, 9);
                        return new Point(i, i);
                    }, (r) -> BigInteger.TEN, (r) -> LocalDate.EPOCH);
        }
        return switch (random.nextInt(5)) {
            case 0 -> new ArrayList<>(random.list(0, 4, (r) -> value(r, depth - 1)));
            case 1 -> List.copyOf(random.list(0, 4, (r) -> value(r, depth - 1)));
            case 2 -> new LinkedHashSet<>(random.list(0, 3, (r) -> value(r, depth - 1)));
            case 3 -> map(random, depth, new HashMap<>());
            default -> map(random, depth, new ConcurrentHashMap<>());
        };
    }

    private static Map<String, Object> map(SeededRandom random, int depth, Map<String, Object> map) {
        for (int entries = random.size(0, 3); entries > 0; entries--) {
            map.put(random.text(SeededRandom.LETTERS, 0, 4), value(random, depth - 1));
        }
        return map;
    }

    /** A value, where in its encoding to plant a number (modulo its length), and the number. */
    private record Planted(Object value, int position, long huge) {
    }

    /** The container kinds to cycle through and how deep to nest them. */
    private record Nesting(List<Integer> shape, int depth) {
    }

    /** How deep to nest JSON, in arrays or in objects. */
    private record JsonNesting(int depth, boolean arrays) {
    }

    /** A class name and how many lists to wrap its object in. */
    private record Smuggled(String className, int nesting) {
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
