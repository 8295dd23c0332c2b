package io.sharedmemory.core.testing;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generators stay within the bounds they are given and reach the edges of them, which a
 * property run without shrinking relies on to find boundary bugs; text is always well-formed.
 */
class SeededRandomTest {

    private final SeededRandom random = new SeededRandom(1);

    @Test
    void numbersStayInRangeAndReachBothBoundsAndZero() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            int value = this.random.intBetween(-3, 97);
            assertThat(value).isBetween(-3, 97);
            seen.add((long) value);
            seen.add(this.random.anyLong());
        }
        assertThat(seen).contains(-3L, 0L, 97L, Long.MIN_VALUE, Long.MAX_VALUE);
        for (int i = 0; i < 2000; i++) {
            assertThat(this.random.longBetween(16L * 1024 * 1024 + 1, 0xFFFFFFFFL))
                    .isBetween(16L * 1024 * 1024 + 1, 0xFFFFFFFFL);
        }
    }

    @Test
    void sizesStayInRangeAndReachEmptyAndLongest() {
        Set<Integer> lengths = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = this.random.bytes(0, 64);
            assertThat(bytes.length).isBetween(0, 64);
            lengths.add(bytes.length);
        }
        assertThat(lengths).contains(0, 1, 64);
    }

    @Test
    void textIsWellFormedAndWithinItsLength() {
        boolean supplementary = false;
        for (int i = 0; i < 2000; i++) {
            String text = this.random.text(0, 20);
            assertThat(text.length()).isBetween(0, 20);
            for (int at = 0; at < text.length(); at += Character.charCount(text.codePointAt(at))) {
                int codePoint = text.codePointAt(at);
                // codePointAt returns a surrogate only when it is not half of a pair.
                assertThat(Character.isSurrogate((char) codePoint) && codePoint <= 0xFFFF)
                        .as("an unpaired surrogate in %s", Tries.describe(text)).isFalse();
                supplementary |= codePoint > 0xFFFF;
            }
        }
        assertThat(supplementary).as("some text beyond the BMP").isTrue();
    }
}
