package io.sharedmemory.core.internal.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * A glob over keys and channels: {@code *} matches any run of characters (possibly empty),
 * {@code ?} exactly one character, and {@code \} makes the next character literal.
 * Compiled once, matched many times, without regular expressions: the matcher keeps only
 * the last {@code *} as a backtrack point, so matching is O(text × pattern) at worst and
 * never exponential. Equality is by pattern text.
 */
public final class GlobPattern {

    /** Tokens: a char code, or one of these two markers. */
    private static final int STAR = -1;
    private static final int ANY = -2;

    private final String pattern;
    private final int[] tokens;
    /** The unescaped text when there is no wildcard, else null. */
    private final String literal;

    private GlobPattern(String pattern, int[] tokens, String literal) {
        this.pattern = pattern;
        this.tokens = tokens;
        this.literal = literal;
    }

    /**
     * Compiles a glob.
     * @param pattern glob text; a trailing lone {@code \} stands for itself
     * @return compiled
     * @throws NullPointerException if pattern is null
     */
    public static GlobPattern compile(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        int n = pattern.length();
        int[] tokens = new int[n];
        int count = 0;
        boolean wild = false;
        StringBuilder text = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char next = pattern.charAt(++i);
                tokens[count++] = next;
                text.append(next);
            } else if (c == '*') {
                wild = true;
                // Runs of stars mean the same as one, and would only cost backtracking.
                if (count == 0 || tokens[count - 1] != STAR) {
                    tokens[count++] = STAR;
                }
            } else if (c == '?') {
                wild = true;
                tokens[count++] = ANY;
            } else {
                tokens[count++] = c;
                text.append(c);
            }
        }
        return new GlobPattern(pattern, Arrays.copyOf(tokens, count), wild ? null : text.toString());
    }

    /**
     * Matches the whole text.
     * @param text text
     * @return true if it matches the whole text
     */
    public boolean matches(String text) {
        if (literal != null) {
            return literal.equals(text);
        }
        int t = 0;
        int p = 0;
        int n = text.length();
        int starP = -1;
        int starT = 0;
        while (t < n) {
            if (p < tokens.length && (tokens[p] == ANY || tokens[p] == text.charAt(t))) {
                p++;
                t++;
            } else if (p < tokens.length && tokens[p] == STAR) {
                // Try the empty run first; come back here with one more character if that fails.
                starP = p++;
                starT = t;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < tokens.length && tokens[p] == STAR) {
            p++;
        }
        return p == tokens.length;
    }

    /**
     * The source text.
     * @return the source pattern
     */
    public String pattern() {
        return pattern;
    }

    /**
     * Whether the pattern has no wildcard.
     * @return true if it has no wildcard (matches only its own unescaped text)
     */
    public boolean isLiteral() {
        return literal != null;
    }

    /**
     * The only text a literal pattern matches, with escapes removed; lets callers do a lookup
     * instead of a scan.
     * @return the unescaped text, or null if the pattern has a wildcard
     */
    public String literalText() {
        return literal;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GlobPattern g && pattern.equals(g.pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
