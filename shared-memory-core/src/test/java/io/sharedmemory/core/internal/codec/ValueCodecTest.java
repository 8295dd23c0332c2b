package io.sharedmemory.core.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.sharedmemory.core.SharedMemoryCodecException;
import io.sharedmemory.core.internal.codec.model.Color;
import io.sharedmemory.core.internal.codec.model.Counter;
import io.sharedmemory.core.internal.codec.model.Person;
import io.sharedmemory.core.internal.codec.model.Point;
import io.sharedmemory.core.internal.codec.model.Route;
import io.sharedmemory.core.internal.codec.untrusted.Bomb;
import io.sharedmemory.core.internal.codec.untrusted.Note;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ValueCodecTest {

    static final String MODEL = "io.sharedmemory.core.internal.codec.model";

    final ValueCodec codec = new ValueCodec(List.of(MODEL), ValueCodecTest.class.getClassLoader());

    /** Encodes, checks, decodes; the copy must equal the original and have its class. */
    Object roundTrip(Object value) {
        byte[] bytes = codec.encode(value);
        codec.validate(bytes);
        Object copy = codec.decode(bytes);
        assertThat(copy).isEqualTo(value).hasSameClassAs(value);
        assertThat(codec.sameValue(bytes, codec.encode(copy))).isTrue();
        return copy;
    }

    static Stream<Object> scalars() {
        return Stream.of(true, false, (byte) -7, (short) 1234, 42, -1, Integer.MIN_VALUE, Long.MAX_VALUE, 3.5f,
                Float.NaN, -0.0d, Math.PI, Double.NEGATIVE_INFINITY, 'x', '\u20ac', "", "hello", "héllo wörld €",
                "emoji \uD83D\uDE00", "a".repeat(5000), "ü".repeat(3000),
                new BigInteger("-123456789012345678901234567890"), BigInteger.ZERO,
                new BigDecimal("3.14159"), new BigDecimal("-1E+30"), new BigDecimal("1.00"),
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
    }

    static Stream<Object> timeValues() {
        return Stream.of(Instant.parse("2024-05-01T10:15:30.123456789Z"), Instant.MIN, LocalDate.of(2024, 2, 29),
                LocalDate.MAX, LocalTime.of(23, 59, 1), LocalDateTime.of(2024, 1, 2, 3, 4, 5),
                OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 6, ZoneOffset.ofHours(2)),
                ZonedDateTime.of(2024, 3, 31, 2, 30, 0, 0, ZoneId.of("Europe/Paris")),
                ZonedDateTime.of(2024, 3, 31, 2, 30, 0, 0, ZoneOffset.UTC),
                Duration.ofMillis(-1500), Duration.ofDays(400), Period.of(1, -2, 3), Year.of(2024), Year.of(-5),
                Year.of(123456), YearMonth.of(2024, 12), MonthDay.of(2, 29),
                OffsetTime.of(1, 2, 3, 4, ZoneOffset.ofHoursMinutes(-5, -30)), ZoneOffset.UTC,
                ZoneOffset.ofHoursMinutes(5, 45));
    }

    @ParameterizedTest
    @MethodSource({"scalars", "timeValues"})
    void builtInValuesReadBackEqualWithTheirClass(Object value) {
        roundTrip(value);
    }

    @Test
    void byteArraysReadBackByContentAsNewArrays() {
        byte[] original = {1, 2, 3, -1};
        Object copy = codec.decode(codec.encode(original));
        assertThat(copy).isInstanceOf(byte[].class).isNotSameAs(original);
        assertThat((byte[]) copy).containsExactly(1, 2, 3, -1);
        assertThat((byte[]) codec.decode(codec.encode(new byte[0]))).isEmpty();
    }

    @Test
    void encodingFollowsTheProtocolByteForByte() {
        assertThat(codec.encode("hi")).containsExactly(0x0A, 0, 0, 0, 2, 'h', 'i');
        assertThat(codec.encode(1)).containsExactly(0x05, 0, 0, 0, 1);
        assertThat(codec.encode(-2L)).containsExactly(0x06, -1, -1, -1, -1, -1, -1, -1, -2);
        assertThat(codec.encode(true)).containsExactly(0x02);
        assertThat(codec.encode(new byte[] {9})).containsExactly(0x0B, 0, 0, 0, 1, 9);
        assertThat(codec.encode(new ArrayList<>(Arrays.asList(null, (byte) 7))))
                .containsExactly(0x10, 0, 0, 0, 0, 2, 0x00, 0x03, 7);
        assertThat(codec.encode(new LinkedHashMap<>(Map.of("k", 'A'))))
                .containsExactly(0x12, 1, 0, 0, 0, 1, 0, 0, 0, 1, 'k', 0x09, 0, 'A');
        assertThat(codec.encode(LocalDate.of(2024, 1, 2)))
                .isEqualTo(Blob.of().u8(0x14).u8(2).str("2024-01-02").bytes());
        assertThat(codec.encode(new BigDecimal("1.5")))
                .containsExactly(0x0D, 0, 0, 0, 1, 0, 0, 0, 1, 15);
        assertThat(codec.encode(new Point(1, 2)))
                .isEqualTo(Blob.of().object(Point.class.getName(), "{\"x\":1,\"y\":2}").bytes());
        // By name, not toString() (GREEN's is "green"), and under the enum's own class name.
        assertThat(codec.encode(Color.GREEN))
                .isEqualTo(Blob.of().object(Color.class.getName(), "\"GREEN\"").bytes());
    }

    @Test
    void theEncoderMatchesStringGetBytesForEveryKindOfCharacter() {
        String tricky = "a\u00e9\u20ac\uD83D\uDE00\uD800x\uDC00";
        byte[] expected = Blob.of().u8(0x0A).str(tricky).bytes();
        assertThat(codec.encode(tricky)).isEqualTo(expected);
        assertThat(codec.encode(tricky.repeat(40))).isEqualTo(Blob.of().u8(0x0A).str(tricky.repeat(40)).bytes());
    }

    @Nested
    class Collections_ {

        @Test
        void listsReadBackWithTheirKind() {
            roundTrip(new ArrayList<>(List.of(1, 2)));
            roundTrip(new LinkedList<>(List.of("a", "b")));
            roundTrip(List.of());
            roundTrip(List.of(1));
            roundTrip(List.of(1, 2));
            roundTrip(List.of(1, 2, 3, 4));
            roundTrip(Collections.unmodifiableList(new ArrayList<>(List.of(1))));
        }

        @Test
        void setsReadBackWithTheirKind() {
            roundTrip(new HashSet<>(Set.of(1, 2)));
            roundTrip(new TreeSet<>(Set.of("b", "a")));
            roundTrip(Set.of());
            roundTrip(Set.of("x"));
            roundTrip(Set.of(1, 2, 3));
            roundTrip(Collections.unmodifiableSet(new HashSet<>(Set.of(1))));
            LinkedHashSet<String> ordered = new LinkedHashSet<>(List.of("z", "a", "m"));
            assertThat(new ArrayList<Object>((Set<?>) roundTrip(ordered))).containsExactly("z", "a", "m");
        }

        @Test
        void mapsReadBackWithTheirKind() {
            roundTrip(new HashMap<>(Map.of("a", 1)));
            roundTrip(new TreeMap<>(Map.of("b", 1, "a", 2)));
            roundTrip(Map.of());
            roundTrip(Map.of("a", 1));
            roundTrip(Map.of("a", 1, "b", 2, "c", 3));
            roundTrip(Collections.unmodifiableMap(new HashMap<>(Map.of("a", 1))));
            roundTrip(new ConcurrentHashMap<>(Map.of("a", 1)));
            LinkedHashMap<String, Integer> ordered = new LinkedHashMap<>();
            ordered.put("z", 1);
            ordered.put("a", 2);
            assertThat(new ArrayList<Object>(((Map<?, ?>) roundTrip(ordered)).keySet())).containsExactly("z", "a");
        }

        @Test
        void otherCollectionsReadBackAsTheGeneralKind() {
            Object list = codec.decode(codec.encode(Arrays.asList(1, 2)));
            assertThat(list).isEqualTo(List.of(1, 2)).isInstanceOf(ArrayList.class);
            Object set = codec.decode(codec.encode(new TreeSet<>(Collections.reverseOrder())));
            assertThat(set).isInstanceOf(HashSet.class);
            Object map = codec.decode(codec.encode(Collections.singletonMap("k", "v")));
            assertThat(map).isEqualTo(Map.of("k", "v")).isInstanceOf(HashMap.class);
        }

        @Test
        void nestedCollectionsWithNullsReadBackEqual() {
            Map<String, Object> inner = new HashMap<>();
            inner.put("none", null);
            inner.put("list", new ArrayList<>(Arrays.asList(1, null, "x", new byte[0].length)));
            inner.put("set", new LinkedHashSet<>(List.of(List.of(1), List.of(2))));
            LinkedHashMap<String, Object> outer = new LinkedHashMap<>();
            outer.put("inner", inner);
            outer.put("when", Instant.EPOCH);
            outer.put("who", new Point(3, 4));
            roundTrip(outer);
        }

        @Test
        void aListOfWithNullsFromStreamToListStillReadsBack() {
            List<Object> withNull = Stream.<Object>of(1, null, 3).toList();
            assertThat(codec.decode(codec.encode(withNull))).isEqualTo(withNull);
        }

        @Test
        void mapKeysMustBeStrings() {
            assertThatThrownBy(() -> codec.encode(Map.of(1, "one")))
                    .isInstanceOf(SharedMemoryCodecException.class).hasMessageContaining("java.lang.Integer");
            Map<String, Object> nullKey = new HashMap<>();
            nullKey.put(null, 1);
            assertThatThrownBy(() -> codec.encode(nullKey)).isInstanceOf(SharedMemoryCodecException.class);
        }
    }

    @Nested
    class Objects_ {

        @Test
        void recordsPlainObjectsAndEnumsReadBackEqualWithTheirClass() {
            roundTrip(new Point(1, -2));
            roundTrip(new Person("Ada", 36));
            Counter counter = new Counter();
            counter.label = "hits";
            counter.count = 7;
            roundTrip(counter);
            roundTrip(Color.RED);
            assertThat(codec.decode(codec.encode(Color.GREEN))).isSameAs(Color.GREEN);
            roundTrip(new Route("r", List.of(new Point(0, 0), new Point(1, 1)), Map.of("k", 1)));
            roundTrip(new ArrayList<>(List.of(new Point(5, 6), Color.BLUE)));
        }

        @Test
        void jdkEnumsAreAccepted() {
            roundTrip(TimeUnit.SECONDS);
            roundTrip(java.time.DayOfWeek.FRIDAY);
        }

        @Test
        void encodingAnUntrustedClassIsRefusedNamingTheClassAndTheProperty() {
            assertThatThrownBy(() -> codec.encode(new Note("hi")))
                    .isInstanceOf(SharedMemoryCodecException.class)
                    .hasMessageContaining(Note.class.getName())
                    .hasMessageContaining("shared-memory.codec.trusted-packages");
        }

        @Test
        void decodingAnUntrustedClassIsRefusedBeforeItIsLoaded() {
            byte[] bytes = Blob.of().object("io.sharedmemory.core.internal.codec.untrusted.Bomb", "{\"fuse\":\"lit\"}").bytes();
            assertThatThrownBy(() -> codec.decode(bytes))
                    .isInstanceOf(SharedMemoryCodecException.class)
                    .hasMessageContaining("io.sharedmemory.core.internal.codec.untrusted.Bomb")
                    .hasMessageContaining("shared-memory.codec.trusted-packages");
            assertThatThrownBy(() -> codec.validate(bytes)).isInstanceOf(SharedMemoryCodecException.class);
            assertThat(Bomb.Witness.FLAG).isFalse();
        }

        @Test
        void aTrustedPackageAlsoTrustsItsSubPackagesButNotLookalikes() {
            ValueCodec wide = new ValueCodec(List.of("io.sharedmemory.core.internal.codec"), null);
            assertThat(wide.decode(wide.encode(new Point(1, 1)))).isEqualTo(new Point(1, 1));
            ValueCodec lookalike = new ValueCodec(List.of("io.sharedmemory.core.internal.codec.mod"), null);
            assertThatThrownBy(() -> lookalike.encode(new Point(1, 1))).isInstanceOf(SharedMemoryCodecException.class);
        }

        @Test
        void jdkClassesThatAreNotRecordsOrEnumsAreRefusedEvenThoughTheirPackageIsTrusted() {
            for (String gadget : List.of("java.lang.ProcessBuilder", "java.util.Date", "java.lang.Thread",
                    "java.util.concurrent.ThreadPoolExecutor", "java.lang.Runnable", "java.util.AbstractList")) {
                byte[] bytes = Blob.of().object(gadget, "{}").bytes();
                assertThatThrownBy(() -> codec.decode(bytes)).as(gadget)
                        .isInstanceOf(SharedMemoryCodecException.class).hasMessageContaining(gadget);
            }
            assertThatThrownBy(() -> codec.encode(new java.util.Date())).isInstanceOf(SharedMemoryCodecException.class);
            assertThatThrownBy(() -> codec.encode(new StringBuilder("x"))).isInstanceOf(SharedMemoryCodecException.class);
        }

        @Test
        void interfacesArraysAndOddClassNamesAreRefused() {
            for (String name : List.of("io.sharedmemory.core.internal.codec.model.Shape", "[Lio.sharedmemory.core.internal.codec.model.Point;",
                    "io.sharedmemory.core.internal.codec.model.", "io.sharedmemory.core.internal.codec.model.No Such", "",
                    "io.sharedmemory.core.internal.codec.model.Missing")) {
                byte[] bytes = Blob.of().object(name, "{}").bytes();
                assertThatThrownBy(() -> codec.decode(bytes)).as(name).isInstanceOf(SharedMemoryCodecException.class);
            }
            assertThatThrownBy(() -> codec.encode(new int[] {1})).isInstanceOf(SharedMemoryCodecException.class)
                    .hasMessageContaining("List");
            assertThatThrownBy(() -> codec.encode(new Object() { })).isInstanceOf(SharedMemoryCodecException.class);
        }

        @Test
        void badJsonForATrustedClassIsACodecError() {
            for (String json : List.of("{\"x\":1,\"y\":2,\"z\":3}", "{\"x\":", "null", "[1,2]", "{\"x\":\"one\"}",
                    "{\"x\":1} {\"x\":2}")) {
                byte[] bytes = Blob.of().object(Point.class.getName(), json).bytes();
                assertThatThrownBy(() -> codec.decode(bytes)).as(json).isInstanceOf(SharedMemoryCodecException.class);
            }
        }

        @Test
        void wildcardsAreNotATrustedPackage() {
            assertThatThrownBy(() -> new ValueCodec(List.of("*"), null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trusted-packages");
            assertThatThrownBy(() -> new ValueCodec(List.of("com.*.model"), null))
                    .isInstanceOf(IllegalArgumentException.class);
            ValueCodec lenient = new ValueCodec(List.of(" " + MODEL + ".* "), null);
            assertThat(lenient.decode(lenient.encode(new Point(2, 2)))).isEqualTo(new Point(2, 2));
        }
    }

    @Nested
    class Limits {

        List<Object> nest(int levels) {
            List<Object> list = new ArrayList<>();
            List<Object> current = list;
            for (int i = 1; i < levels; i++) {
                List<Object> next = new ArrayList<>();
                current.add(next);
                current = next;
            }
            return list;
        }

        byte[] nestedBytes(int levels) {
            Blob blob = Blob.of();
            for (int i = 0; i < levels; i++) {
                blob.u8(0x10).u8(0).u32(1);
            }
            return blob.u8(0x05).u32(1).bytes();
        }

        @Test
        void nestingUpToTheLimitIsFine() {
            roundTrip(nest(ValueCodec.MAX_DEPTH));
            codec.validate(nestedBytes(ValueCodec.MAX_DEPTH));
            codec.decode(nestedBytes(ValueCodec.MAX_DEPTH));
        }

        @Test
        void deeperNestingIsRefusedWithoutAStackOverflow() {
            assertThatThrownBy(() -> codec.encode(nest(ValueCodec.MAX_DEPTH + 1)))
                    .isInstanceOf(SharedMemoryCodecException.class).hasMessageContaining("256");
            assertThatThrownBy(() -> codec.encode(nest(10_000))).isInstanceOf(SharedMemoryCodecException.class);
            byte[] deep = nestedBytes(10_000);
            assertThatThrownBy(() -> codec.decode(deep)).isInstanceOf(SharedMemoryCodecException.class);
            assertThatThrownBy(() -> codec.validate(deep)).isInstanceOf(SharedMemoryCodecException.class);
            assertThatThrownBy(() -> codec.sameValue(deep, nestedBytes(1))).isInstanceOf(SharedMemoryCodecException.class);
        }

        @Test
        void cyclesAreRefused() {
            List<Object> self = new ArrayList<>();
            self.add(self);
            assertThatThrownBy(() -> codec.encode(self))
                    .isInstanceOf(SharedMemoryCodecException.class).hasMessageContaining("cycle");
            Map<String, Object> a = new HashMap<>();
            Map<String, Object> b = new HashMap<>();
            a.put("b", List.of(b));
            b.put("a", a);
            assertThatThrownBy(() -> codec.encode(a)).isInstanceOf(SharedMemoryCodecException.class);
        }

        @Test
        void theSameChildTwiceIsNotACycle() {
            List<Integer> shared = List.of(1);
            roundTrip(new ArrayList<>(List.of(shared, shared)));
        }

        @Test
        void nullIsNotAValue() {
            assertThatThrownBy(() -> codec.encode(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> codec.decode(new byte[] {0})).isInstanceOf(SharedMemoryCodecException.class);
            assertThatThrownBy(() -> codec.validate(new byte[] {0})).isInstanceOf(SharedMemoryCodecException.class);
        }
    }

    @Nested
    class MalformedInput {

        byte[] sample() {
            LinkedHashMap<String, Object> map = new LinkedHashMap<>();
            map.put("s", "text");
            map.put("l", new ArrayList<>(List.of(1L, 2.0, new BigDecimal("1.5"), UUID.randomUUID())));
            map.put("p", new Point(1, 2));
            map.put("t", Set.of(LocalDate.EPOCH));
            map.put("b", new byte[] {1, 2});
            return codec.encode(map);
        }

        @Test
        void everyTruncationIsACodecError() {
            byte[] full = sample();
            for (int n = 0; n < full.length; n++) {
                byte[] cut = Arrays.copyOf(full, n);
                assertThatThrownBy(() -> codec.decode(cut)).isInstanceOf(SharedMemoryCodecException.class);
                assertThatThrownBy(() -> codec.validate(cut)).isInstanceOf(SharedMemoryCodecException.class);
            }
        }

        @Test
        void trailingBytesAreRefused() {
            byte[] extra = Blob.of().raw(codec.encode("x")).u8(0).bytes();
            assertThatThrownBy(() -> codec.decode(extra)).isInstanceOf(SharedMemoryCodecException.class)
                    .hasMessageContaining("left");
            assertThatThrownBy(() -> codec.validate(extra)).isInstanceOf(SharedMemoryCodecException.class);
        }

        @Test
        void hugeDeclaredLengthsAreRefusedWithoutAllocating() {
            for (byte[] bytes : List.of(Blob.of().u8(0x0A).u32(-1).bytes(), Blob.of().u8(0x0B).u32(Integer.MAX_VALUE).bytes(),
                    Blob.of().u8(0x10).u8(0).u32(Integer.MAX_VALUE).bytes(),
                    Blob.of().u8(0x12).u8(0).u32(100).u32(0).u8(1).bytes())) {
                assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(SharedMemoryCodecException.class);
                assertThatThrownBy(() -> codec.validate(bytes)).isInstanceOf(SharedMemoryCodecException.class);
            }
        }

        @Test
        void unknownTagsAndKindsAreRefused() {
            for (byte[] bytes : List.of(new byte[] {0x0E}, new byte[] {(byte) 0xFF}, new byte[0],
                    Blob.of().u8(0x10).u8(4).u32(0).bytes(), Blob.of().u8(0x11).u8(5).u32(0).bytes(),
                    Blob.of().u8(0x12).u8(6).u32(0).bytes(), Blob.of().u8(0x14).u8(0).str("x").bytes(),
                    Blob.of().u8(0x14).u8(14).str("x").bytes(), Blob.of().u8(0x14).u8(2).str("yesterday").bytes(),
                    Blob.of().u8(0x0C).u32(0).bytes())) {
                assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(SharedMemoryCodecException.class);
                assertThatThrownBy(() -> codec.validate(bytes)).isInstanceOf(SharedMemoryCodecException.class);
            }
        }

        @Test
        void contentsThatDoNotFitTheKindAreRefused() {
            byte[] setOfWithNull = Blob.of().u8(0x11).u8(3).u32(1).u8(0).bytes();
            byte[] treeSetMixed = Blob.of().u8(0x11).u8(2).u32(2).u8(0x05).u32(1).u8(0x0A).str("a").bytes();
            byte[] concurrentMapNull = Blob.of().u8(0x12).u8(5).u32(1).str("k").u8(0).bytes();
            for (byte[] bytes : List.of(setOfWithNull, treeSetMixed, concurrentMapNull)) {
                assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(SharedMemoryCodecException.class);
            }
            assertThatThrownBy(() -> codec.validate(setOfWithNull)).isInstanceOf(SharedMemoryCodecException.class);
            assertThatThrownBy(() -> codec.validate(concurrentMapNull)).isInstanceOf(SharedMemoryCodecException.class);
        }

        @Test
        void duplicatesInSetOfCollapseInsteadOfFailing() {
            byte[] bytes = Blob.of().u8(0x11).u8(3).u32(2).u8(0x05).u32(1).u8(0x05).u32(1).bytes();
            assertThat(codec.decode(bytes)).isEqualTo(Set.of(1));
        }

        @Test
        void invalidUtf8IsReplacedNotFatal() {
            byte[] bytes = Blob.of().u8(0x0A).u32(2).u8(0xC3).u8(0x28).bytes();
            assertThat(codec.decode(bytes)).isInstanceOf(String.class);
            assertThatNoException().isThrownBy(() -> codec.validate(bytes));
        }
    }

    @Nested
    class Validation {

        @Test
        void validatesEveryEncodableValue() {
            Stream.concat(scalars(), timeValues()).forEach(v -> codec.validate(codec.encode(v)));
            codec.validate(codec.encode(new Route("r", List.of(new Point(0, 0)), Map.of())));
        }

        @Test
        void checksTrustedNamesWithoutTheClassOnTheClasspath() {
            ValueCodec main = new ValueCodec(List.of("com.example"), null);
            main.validate(Blob.of().object("com.example.orders.Order", "{\"id\":1}").bytes());
            assertThatThrownBy(() -> main.validate(Blob.of().object("org.example.Order", "{}").bytes()))
                    .isInstanceOf(SharedMemoryCodecException.class).hasMessageContaining("org.example.Order");
        }
    }

    @Nested
    class SameValue {

        boolean same(Object a, Object b) {
            return codec.sameValue(codec.encode(a), codec.encode(b));
        }

        @Test
        void equalBytesAreTheSameValue() {
            assertThat(same("a", "a")).isTrue();
            assertThat(same(new Point(1, 2), new Point(1, 2))).isTrue();
        }

        @Test
        void listsCompareInOrderWhateverTheirKind() {
            assertThat(same(new ArrayList<>(List.of(1, 2)), List.of(1, 2))).isTrue();
            assertThat(same(new LinkedList<>(List.of(1, 2)), Collections.unmodifiableList(List.of(1, 2)))).isTrue();
            assertThat(same(List.of(1, 2), List.of(2, 1))).isFalse();
        }

        @Test
        void setsAndMapsCompareRegardlessOfOrder() {
            assertThat(same(new LinkedHashSet<>(List.of(1, 2, 3)), new LinkedHashSet<>(List.of(3, 2, 1)))).isTrue();
            assertThat(same(new TreeSet<>(Set.of("a", "b")), Set.of("b", "a"))).isTrue();
            LinkedHashMap<String, Object> ab = new LinkedHashMap<>();
            ab.put("a", 1);
            ab.put("b", List.of(new byte[] {1}.length));
            LinkedHashMap<String, Object> ba = new LinkedHashMap<>();
            ba.put("b", List.of(1));
            ba.put("a", 1);
            assertThat(same(ab, ba)).isTrue();
            assertThat(same(Map.of("a", 1), Map.of("a", 2))).isFalse();
        }

        @Test
        void numbersAreEqualOnlyWithTheSameTypeAndValue() {
            assertThat(same(1, 1L)).isFalse();
            assertThat(same((short) 1, (byte) 1)).isFalse();
            assertThat(same(Double.NaN, Double.NaN)).isTrue();
            assertThat(same(0.0, -0.0)).isFalse();
            assertThat(same(new BigDecimal("1.0"), new BigDecimal("1.00"))).isFalse();
        }

        @Test
        void byteArraysCompareByContent() {
            assertThat(same(new ArrayList<>(List.of(new byte[] {1, 2})), List.of(new byte[] {1, 2}))).isTrue();
            assertThat(same(new byte[] {1, 2}, new byte[] {2, 1})).isFalse();
        }

        @Test
        void objectsCompareByClassNameAndJsonTreeWithoutLoadingTheClass() {
            ValueCodec main = new ValueCodec(List.of(), null);
            byte[] a = Blob.of().object("com.example.Order", "{\"id\":1,\"lines\":[1,2]}").bytes();
            byte[] b = Blob.of().object("com.example.Order", "{ \"lines\":[1,2], \"id\":1 }").bytes();
            byte[] other = Blob.of().object("com.example.Invoice", "{\"id\":1,\"lines\":[1,2]}").bytes();
            assertThat(main.sameValue(a, b)).isTrue();
            assertThat(main.sameValue(a, other)).isFalse();
            assertThat(main.sameValue(a, Blob.of().object("com.example.Order", "{\"id\":2,\"lines\":[1,2]}").bytes()))
                    .isFalse();
        }

        @Test
        void malformedValuesAreACodecError() {
            assertThatThrownBy(() -> codec.sameValue(codec.encode(1), new byte[] {0x05, 0}))
                    .isInstanceOf(SharedMemoryCodecException.class);
            assertThatThrownBy(() -> codec.sameValue(Blob.of().object("a.B", "{").bytes(), codec.encode(1)))
                    .isInstanceOf(SharedMemoryCodecException.class);
        }
    }

    @Nested
    class StaticHelpers {

        @Test
        void immutableValuesAreRecognised() {
            for (Object v : List.of("s", 1, 1L, (short) 1, (byte) 1, 1f, 1d, true, 'c', BigInteger.ONE, BigDecimal.ONE,
                    UUID.randomUUID(), Instant.EPOCH, ZoneOffset.UTC, Color.GREEN, TimeUnit.DAYS)) {
                assertThat(ValueCodec.isImmutable(v)).as(v.getClass().getName()).isTrue();
            }
            for (Object v : List.of(new byte[0], new ArrayList<>(), List.of(), new Point(1, 1), new Person(),
                    new HashMap<>())) {
                assertThat(ValueCodec.isImmutable(v)).as(v.getClass().getName()).isFalse();
            }
            assertThat(ValueCodec.isImmutable(null)).isFalse();
        }

        @Test
        void integersAreReadFromEveryIntegerTag() {
            assertThat(ValueCodec.readInteger(codec.encode((byte) -3))).isEqualTo(-3);
            assertThat(ValueCodec.readInteger(codec.encode((short) -300))).isEqualTo(-300);
            assertThat(ValueCodec.readInteger(codec.encode(Integer.MIN_VALUE))).isEqualTo(Integer.MIN_VALUE);
            assertThat(ValueCodec.readInteger(ValueCodec.encodeLong(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
            assertThat(ValueCodec.encodeLong(5)).isEqualTo(codec.encode(5L));
            for (Object notInteger : List.of("1", 1.0, BigInteger.ONE, true)) {
                assertThat(ValueCodec.isInteger(codec.encode(notInteger))).isFalse();
            }
            assertThat(ValueCodec.isInteger(new byte[0])).isFalse();
            assertThat(ValueCodec.isInteger(new byte[] {0x05, 0})).isFalse();
            assertThatThrownBy(() -> ValueCodec.readInteger(codec.encode("1")))
                    .isInstanceOf(SharedMemoryCodecException.class);
        }
    }
}
