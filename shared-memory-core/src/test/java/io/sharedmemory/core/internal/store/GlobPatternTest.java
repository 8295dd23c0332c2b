package io.sharedmemory.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobPatternTest {

    @ParameterizedTest(name = "''{0}'' matches ''{1}'': {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "user:*      | user:42        | true",
        "user:*      | user:          | true",
        "user:*      | users:1        | false",
        "*           | ''             | true",
        "*           | anything       | true",
        "''          | ''             | true",
        "''          | a              | false",
        "a?c         | abc            | true",
        "a?c         | ac             | false",
        "a?c         | abbc           | false",
        "?           | ''             | false",
        "*.log       | app.log        | true",
        "*.log       | app.log.gz     | false",
        "a*b*c       | aXXbYYc        | true",
        "a*b*c       | abcb           | false",
        "a*b*c       | abcbc          | true",
        "a**b        | ab             | true",
        "*a*         | bab            | true",
        "order.?.*.x | order.1.abc.x  | true",
        "order.?.*.x | order.12.abc.x | false",
        "\\*         | *              | true",
        "\\*         | a              | false",
        "a\\?        | a?             | true",
        "a\\?        | ab             | false",
        "a\\\\b      | a\\b           | true",
        "\\a         | a              | true",
        "a\\         | a\\            | true",
        "é*ü         | éxyzü          | true",
    })
    void matchesWholeText(String pattern, String text, boolean expected) {
        assertThat(GlobPattern.compile(pattern).matches(text)).isEqualTo(expected);
    }

    @Test
    void literalPatternsAreRecognisedWithTheirUnescapedText() {
        assertThat(GlobPattern.compile("news.sports").isLiteral()).isTrue();
        assertThat(GlobPattern.compile("news.sports").literalText()).isEqualTo("news.sports");
        GlobPattern escaped = GlobPattern.compile("a\\*b");
        assertThat(escaped.isLiteral()).isTrue();
        assertThat(escaped.literalText()).isEqualTo("a*b");
        assertThat(escaped.matches("a*b")).isTrue();
        assertThat(escaped.matches("axb")).isFalse();
        assertThat(GlobPattern.compile("a*").isLiteral()).isFalse();
        assertThat(GlobPattern.compile("a?").literalText()).isNull();
    }

    @Test
    @Timeout(5)
    void pathologicalPatternsMatchWithoutCatastrophicBacktracking() {
        String text = "a".repeat(20_000);
        GlobPattern many = GlobPattern.compile("*a*a*a*a*a*a*a*a*a*a*b");
        long start = System.nanoTime();
        assertThat(many.matches(text)).isFalse();
        assertThat(GlobPattern.compile("*a*a*a*a*a*a*a*a*a*a").matches(text)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void equalityIsByPatternText() {
        assertThat(GlobPattern.compile("a*")).isEqualTo(GlobPattern.compile("a*"))
                .hasSameHashCodeAs(GlobPattern.compile("a*"))
                .isNotEqualTo(GlobPattern.compile("a**"))
                .hasToString("a*");
        assertThat(GlobPattern.compile("x?").pattern()).isEqualTo("x?");
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> GlobPattern.compile(null)).isInstanceOf(NullPointerException.class);
    }
}
