package io.sharedmemory.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * A {@link Random} that knows its seed, with the generators property tests draw their inputs
 * from. The seed is {@code -Dshared-memory.test.seed} when given, so a failed run can be
 * replayed exactly, or a fresh one otherwise.
 * <p>
 * There is no shrinking, so every generator mixes plain uniform picks over its whole range
 * with the values bugs gather at: the bounds, zero and one either side of it, empty and
 * longest, and small values, which a uniform pick over a wide range would almost never give.
 */
public final class SeededRandom extends Random {

    /** The system property that fixes the seed of every property test in the run. */
    public static final String SEED_PROPERTY = "shared-memory.test.seed";

    /** The ASCII letters, for {@link #text(String, int, int)}. */
    public static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /** The ASCII digits, for {@link #text(String, int, int)}. */
    public static final String DIGITS = "0123456789";

    private static final long serialVersionUID = 1L;

    /** Characters that often matter in text on the wire: separators, escapes, NUL, the replacement char. */
    private static final String EDGE_CHARS = " \0\n\t\"\\{}[]:,.*?a\u007F\u0080\u00FF\u2028\uFFFD";

    private final long seed;

    /**
     * A generator that replays the same sequence for the same seed.
     * @param seed the seed
     */
    public SeededRandom(long seed) {
        super(seed);
        this.seed = seed;
    }

    /**
     * A generator seeded from {@value #SEED_PROPERTY} if it is set, else from a fresh seed.
     * @return the generator
     */
    public static SeededRandom fromSystemProperty() {
        String fixed = System.getProperty(SEED_PROPERTY);
        return new SeededRandom((fixed == null || fixed.isBlank()) ? ThreadLocalRandom.current().nextLong()
                : Long.parseLong(fixed.trim()));
    }

    /**
     * The seed this generator started from.
     * @return the seed
     */
    public long seed() {
        return this.seed;
    }

    /**
     * An int in {@code [min, max]}: a bound, 0 or ±1 one time in ten, a value near 0 (or near
     * the bound closest to it) three in ten, else uniform.
     * @param min the least value, inclusive
     * @param max the greatest value, inclusive
     * @return the value
     */
    public int intBetween(int min, int max) {
        return (int) longBetween(min, max);
    }

    /**
     * A long in {@code [min, max]}, with the same mix of edges, small values and uniform as {@link #intBetween}.
     * @param min the least value, inclusive
     * @param max the greatest value, inclusive
     * @return the value
     */
    public long longBetween(long min, long max) {
        int kind = nextInt(10);
        if (kind == 0) {
            long edge = switch (nextInt(7)) {
                case 0 -> min;
                case 1 -> max;
                case 2 -> min + 1;
                case 3 -> max - 1;
                case 4 -> -1;
                case 5 -> 1;
                default -> 0;
            };
            return (edge < min || edge > max) ? min : edge;
        }
        if (kind <= 3) {
            // Near: within a sixteenth of the range, at most 256, so a narrow range is not flattened onto its bounds.
            int window = (int) Math.max(1, Math.min(256, ((double) max - min) / 16));
            long anchor = (min <= 0 && max >= 0) ? 0 : (min > 0 ? min : max);
            long near = anchor + (anchor == max ? -nextInt(window + 1)
                    : anchor == min ? nextInt(window + 1) : nextInt(2 * window + 1) - window);
            return Math.max(min, Math.min(max, near));
        }
        if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
            return nextLong();
        }
        // nextLong(origin, bound) excludes the bound, and max + 1 would overflow at Long.MAX_VALUE.
        return (max == Long.MAX_VALUE) ? nextLong(min - 1, max) + 1 : nextLong(min, max + 1);
    }

    /**
     * Any int, small ones and edges favoured.
     * @return the value
     */
    public int anyInt() {
        return intBetween(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /**
     * Any long, small ones and edges favoured.
     * @return the value
     */
    public long anyLong() {
        return longBetween(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * Any byte, small ones and edges favoured.
     * @return the value
     */
    public byte anyByte() {
        return (byte) intBetween(Byte.MIN_VALUE, Byte.MAX_VALUE);
    }

    /**
     * Any double: an edge (zeros, ±1, the smallest and largest, infinities, NaN) one time in ten,
     * a two-decimal value like 12.34 four in ten, else any sign and magnitude.
     * @return the value
     */
    public double anyDouble() {
        int kind = nextInt(10);
        if (kind == 0) {
            double[] edges = { 0.0, -0.0, 1.0, -1.0, 0.01, -0.01, Double.MIN_VALUE, Double.MAX_VALUE,
                    -Double.MAX_VALUE, Double.MIN_NORMAL, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                    Double.NaN };
            return edges[nextInt(edges.length)];
        }
        if (kind <= 4) {
            return intBetween(-1_000_000, 1_000_000) / 100.0;
        }
        return Math.scalb(nextDouble() * 2 - 1, nextInt(-1074, 1024));
    }

    /**
     * A length or count in {@code [min, max]}: the least or the greatest one time in ten, a
     * small one four in ten, else uniform.
     * @param min the least size, inclusive
     * @param max the greatest size, inclusive
     * @return the size
     */
    public int size(int min, int max) {
        int kind = nextInt(10);
        if (kind == 0) {
            return nextBoolean() ? min : max;
        }
        if (kind <= 4) {
            return min + nextInt(Math.min(max - min, 8) + 1);
        }
        return nextInt(min, max + 1);
    }

    /**
     * Bytes of any value, edge bytes (0, -1, ±127, -128) favoured, of a {@link #size} length.
     * @param minSize the least length, inclusive
     * @param maxSize the greatest length, inclusive
     * @return the bytes
     */
    public byte[] bytes(int minSize, int maxSize) {
        byte[] bytes = new byte[size(minSize, maxSize)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = anyByte();
        }
        return bytes;
    }

    /**
     * Well-formed UTF-16 text of a {@link #size} length: ASCII, any BMP character that is not a
     * surrogate, noncharacter or private-use one, supplementary characters as surrogate pairs,
     * and the characters text on the wire trips over.
     * @param minLength the least length in chars, inclusive
     * @param maxLength the greatest length in chars, inclusive
     * @return the text
     */
    public String text(int minLength, int maxLength) {
        int length = size(minLength, maxLength);
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            int kind = nextInt(10);
            if (kind == 0) {
                text.append(EDGE_CHARS.charAt(nextInt(EDGE_CHARS.length())));
            }
            else if (kind <= 4) {
                text.append((char) nextInt(0x80));
            }
            else if (kind == 9 && text.length() + 2 <= length) {
                text.appendCodePoint(nextInt(0x10000, Character.MAX_CODE_POINT + 1));
            }
            else {
                text.append(bmpCharacter());
            }
        }
        return text.toString();
    }

    /**
     * Text of a {@link #size} length drawn from the given characters only.
     * @param alphabet the characters allowed
     * @param minLength the least length, inclusive
     * @param maxLength the greatest length, inclusive
     * @return the text
     */
    public String text(String alphabet, int minLength, int maxLength) {
        char[] chars = new char[size(minLength, maxLength)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = alphabet.charAt(nextInt(alphabet.length()));
        }
        return new String(chars);
    }

    /**
     * One of the given values, each as likely.
     * @param <T> the type of the values
     * @param values the values to choose from
     * @return the value chosen
     */
    @SafeVarargs
    public final <T> T pick(T... values) {
        return values[nextInt(values.length)];
    }

    /**
     * The output of one of the given generators, each as likely.
     * @param <T> the type generated
     * @param generators the generators to choose from
     * @return the generated value
     */
    @SafeVarargs
    public final <T> T oneOf(Function<SeededRandom, ? extends T>... generators) {
        return generators[nextInt(generators.length)].apply(this);
    }

    /**
     * A list of a {@link #size} length whose elements the generator draws.
     * @param <T> the element type
     * @param minSize the least size, inclusive
     * @param maxSize the greatest size, inclusive
     * @param element draws each element
     * @return the list, mutable
     */
    public <T> List<T> list(int minSize, int maxSize, Function<SeededRandom, ? extends T> element) {
        int size = size(minSize, maxSize);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.apply(this));
        }
        return list;
    }

    /** A BMP character that is not a surrogate (alone it is not text), noncharacter or private-use one. */
    private char bmpCharacter() {
        while (true) {
            char c = (char) nextInt(0x10000);
            boolean noncharacter = (c >= 0xFDD0 && c <= 0xFDEF) || c >= 0xFFFE;
            boolean privateUse = c >= 0xE000 && c <= 0xF8FF;
            if (!Character.isSurrogate(c) && !noncharacter && !privateUse) {
                return c;
            }
        }
    }
}
