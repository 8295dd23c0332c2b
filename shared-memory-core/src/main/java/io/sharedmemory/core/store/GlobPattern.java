package io.sharedmemory.core.store;

/** TODO(codec-store): glob with * ? and \ escape; compile once, match many. */
public final class GlobPattern {
    /** @param pattern glob @return compiled */
    public static GlobPattern compile(String pattern) { throw new UnsupportedOperationException("TODO"); }
    /** @param text text @return true if it matches the whole text */
    public boolean matches(String text) { throw new UnsupportedOperationException("TODO"); }
    /** @return the source pattern */
    public String pattern() { throw new UnsupportedOperationException("TODO"); }
    /** @return true if it has no wildcard (matches only its own unescaped text) */
    public boolean isLiteral() { throw new UnsupportedOperationException("TODO"); }
}
