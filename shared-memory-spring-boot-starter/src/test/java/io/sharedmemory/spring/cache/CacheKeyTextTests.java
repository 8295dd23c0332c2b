package io.sharedmemory.spring.cache;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.cache.interceptor.SimpleKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The texts are pinned: another JVM (another version of this class, even) must write the very
 * same text for an equal key, or a cached value would never be found there.
 */
class CacheKeyTextTests {

    enum Color {
        RED, GREEN { }
    }

    record Query(String name, int page) {
    }

    static final class Opaque {
    }

    static final class Named {

        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return "Named " + this.name;
        }
    }

    @Test
    void stringsAreThemselvesAndOnlyALeadingHashIsDoubled() {
        assertThat(CacheKeyText.of("users")).isEqualTo("users");
        assertThat(CacheKeyText.of("a:b,c)=\\")).isEqualTo("a:b,c)=\\");
        assertThat(CacheKeyText.of("")).isEqualTo("");
        assertThat(CacheKeyText.of("#Long(42)")).isEqualTo("##Long(42)");
    }

    @Test
    void scalarsAreTaggedWithTheirTypeSoTheyDifferFromStringsAndFromEachOther() {
        assertThat(CacheKeyText.of(42L)).isEqualTo("#Long(42)");
        assertThat(CacheKeyText.of(42)).isEqualTo("#Integer(42)");
        assertThat(CacheKeyText.of(true)).isEqualTo("#Boolean(true)");
        assertThat(CacheKeyText.of(new BigDecimal("1.50"))).isEqualTo("#BigDecimal(1.50)");
        assertThat(CacheKeyText.of(LocalDate.of(2024, 5, 1))).isEqualTo("#LocalDate(2024-05-01)");
        UUID id = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
        assertThat(CacheKeyText.of(id)).isEqualTo("#UUID(0f8fad5b-d9cb-469f-a165-70867728950e)");
        assertThat(Set.of(CacheKeyText.of("42"), CacheKeyText.of(42), CacheKeyText.of(42L))).hasSize(3);
    }

    @Test
    void enumConstantsAreTheirDeclaringClassAndName() {
        assertThat(CacheKeyText.of(Color.RED)).isEqualTo("#" + Color.class.getName() + "(RED)");
        // A constant with a body is a subclass; it is still a constant of Color.
        assertThat(CacheKeyText.of(Color.GREEN)).isEqualTo("#" + Color.class.getName() + "(GREEN)");
    }

    @Test
    void simpleKeysAreTheirArgumentsInOrder() {
        assertThat(CacheKeyText.of(SimpleKey.EMPTY)).isEqualTo("#SimpleKey()");
        assertThat(CacheKeyText.of(new SimpleKey(7L, "eu"))).isEqualTo("#SimpleKey(#Long(7),eu)");
        assertThat(CacheKeyText.of(new SimpleKey("eu", 7L))).isEqualTo("#SimpleKey(eu,#Long(7))");
        assertThat(CacheKeyText.of(new SimpleKey("a", null))).isEqualTo("#SimpleKey(a,#null)");
        assertThat(CacheKeyText.of(new SimpleKey((Object) new int[] { 1, 2 })))
            .isEqualTo("#SimpleKey(#int[](#Integer(1),#Integer(2)))");
    }

    @Test
    void separatorsInsidePartsAreEscapedSoDifferentArgumentsNeverShareAText() {
        assertThat(CacheKeyText.of(new SimpleKey("a,b"))).isEqualTo("#SimpleKey(a\\,b)");
        assertThat(CacheKeyText.of(new SimpleKey("a,b"))).isNotEqualTo(CacheKeyText.of(new SimpleKey("a", "b")));
        assertThat(CacheKeyText.of(new SimpleKey("a)", "b"))).isNotEqualTo(CacheKeyText.of(new SimpleKey("a", ")b")));
        assertThat(CacheKeyText.of(new SimpleKey(""))).isEqualTo("#SimpleKey(#String())")
            .isNotEqualTo(CacheKeyText.of(SimpleKey.EMPTY));
        assertThat(CacheKeyText.of(List.of("#x"))).isEqualTo("#List(##x)").isNotEqualTo(CacheKeyText.of(List.of("x")));
        assertThat(CacheKeyText.of(List.of("#Long(1)"))).isNotEqualTo(CacheKeyText.of(List.of(1L)));
        assertThat(CacheKeyText.of(new SimpleKey("f(x)", "\\"))).isEqualTo("#SimpleKey(f\\(x\\),\\\\)");
    }

    @Test
    void recordsAreTheirClassAndComponents() {
        assertThat(CacheKeyText.of(new Query("ada", 3)))
            .isEqualTo("#" + Query.class.getName() + "(ada,#Integer(3))");
    }

    @Test
    void equalCollectionsGiveOneTextWhateverTheirClassOrOrder() {
        assertThat(CacheKeyText.of(new ArrayList<>(List.of("a", "b")))).isEqualTo("#List(a,b)")
            .isEqualTo(CacheKeyText.of(new LinkedList<>(List.of("a", "b"))));
        Set<Object> forward = new LinkedHashSet<>(List.of("b", "a", 3L));
        Set<Object> backward = new LinkedHashSet<>(List.of(3L, "a", "b"));
        assertThat(CacheKeyText.of(forward)).isEqualTo("#Set(#Long(3),a,b)")
            .isEqualTo(CacheKeyText.of(backward)).isEqualTo(CacheKeyText.of(new HashSet<>(forward)));
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("b", 2);
        one.put("a=", 1);
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("a=", 1);
        other.put("b", 2);
        assertThat(CacheKeyText.of(one)).isEqualTo("#Map(a\\==#Integer(1),b=#Integer(2))")
            .isEqualTo(CacheKeyText.of(other));
    }

    @Test
    void arraysAreTheirComponentTypeAndElements() {
        assertThat(CacheKeyText.of(new String[] { "a", "b" })).isEqualTo("#String[](a,b)");
        assertThat(CacheKeyText.of(new long[] { 1 })).isEqualTo("#long[](#Long(1))");
        assertThat(CacheKeyText.of(new Query[0])).isEqualTo("#" + Query.class.getName() + "[]()");
    }

    @Test
    void otherObjectsAreTheirClassAndToStringWhenTheyOverrideIt() {
        assertThat(CacheKeyText.of(new Named("x"))).isEqualTo("#" + Named.class.getName() + "(Named x)");
    }

    @Test
    void objectsWithoutTheirOwnToStringAreRefusedRatherThanNeverHit() {
        assertThatIllegalArgumentException().isThrownBy(() -> CacheKeyText.of(new Opaque()))
            .withMessageContaining(Opaque.class.getName())
            .withMessageContaining("toString()");
        assertThatIllegalArgumentException().isThrownBy(() -> CacheKeyText.of(new SimpleKey("a", new Opaque())));
    }

    @Test
    void theSameKeyAlwaysGivesTheSameText() {
        SimpleKey key = new SimpleKey(new Query("ada", 1), Arrays.asList(1, 2), Color.RED);
        assertThat(CacheKeyText.of(key)).isEqualTo(CacheKeyText.of(new SimpleKey(new Query("ada", 1),
                List.of(1, 2), Color.RED)));
    }
}
