package io.sharedmemory.core.testing;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Runs a property over generated inputs: {@code tries} inputs drawn from one
 * {@link SeededRandom}, each checked in turn, stopping at the first that fails.
 * <p>
 * With no shrinking to narrow a failure down, the failure says all a reader needs: the seed,
 * which try failed, the input that failed it (bytes in hex), and the command that replays it.
 * The same seed draws the same inputs in the same order, so a replay runs the tries before the
 * failing one too, which matters for properties whose subject keeps state between tries.
 */
public final class Tries {

    private Tries() {
    }

    /**
     * Checks {@code property} on {@code tries} inputs drawn by {@code generator}.
     * @param <T> the type of an input; a record of several values describes each of them by name
     * @param tries how many inputs to check
     * @param generator draws one input from the run's random source
     * @param property checks one input, throwing when the property does not hold
     * @throws AssertionError naming seed, try, input and replay command when an input fails
     */
    public static <T> void forAll(int tries, Function<SeededRandom, T> generator, ThrowingConsumer<T> property) {
        forAll(SeededRandom.fromSystemProperty(), tries, generator, property);
    }

    /**
     * {@link #forAll(int, Function, ThrowingConsumer)} from a given random source: for a test
     * whose checks after the tries must name the seed too, or that fixes the seed itself.
     * @param <T> the type of an input
     * @param random the random source; its seed is the one a failure names
     * @param tries how many inputs to check
     * @param generator draws one input from {@code random}
     * @param property checks one input, throwing when the property does not hold
     * @throws AssertionError naming seed, try, input and replay command when an input fails
     */
    public static <T> void forAll(SeededRandom random, int tries, Function<SeededRandom, T> generator,
            ThrowingConsumer<T> property) {
        String test = callingTest();
        for (int attempt = 1; attempt <= tries; attempt++) {
            T input;
            try {
                input = generator.apply(random);
            }
            catch (Throwable failure) {
                throw failed(test, random.seed(), attempt, tries, "(the generator failed)", failure);
            }
            try {
                property.accept(input);
            }
            catch (Throwable failure) {
                throw failed(test, random.seed(), attempt, tries, describe(input), failure);
            }
        }
    }

    private static AssertionError failed(String test, long seed, int attempt, int tries, String input,
            Throwable failure) {
        String message = "Property failed on try " + attempt + " of " + tries + " with seed " + seed + "\n"
                + "  replay: mvn -pl shared-memory-core test -Dtest='" + test + "' -D" + SeededRandom.SEED_PROPERTY
                + "=" + seed + "\n"
                + "  input: " + input + "\n"
                + "  failure: " + failure;
        return new AssertionError(message, failure);
    }

    /**
     * The test method that called {@link #forAll}, as surefire's -Dtest names it: Class#method.
     * It is the nearest caller annotated {@link Test}, since the call may come from a lambda.
     */
    private static String callingTest() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk((frames) -> frames
                .filter(Tries::isTest)
                .findFirst()
                .map((frame) -> frame.getDeclaringClass().getSimpleName() + "#" + frame.getMethodName())
                .orElse("?"));
    }

    private static boolean isTest(StackWalker.StackFrame frame) {
        try {
            return frame.getDeclaringClass()
                    .getDeclaredMethod(frame.getMethodName(), frame.getMethodType().parameterArray())
                    .isAnnotationPresent(Test.class);
        }
        catch (NoSuchMethodException ex) {
            return false;
        }
    }

    /**
     * An input as a reader wants it in a failure: bytes in hex, text quoted with unprintable
     * characters escaped, collections and records element by element.
     * @param value the input or a part of it
     * @return its description
     */
    static String describe(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes.length + " bytes [" + HexFormat.of().formatHex(bytes) + "]";
        }
        if (value instanceof CharSequence text) {
            return quoted(text);
        }
        if (value instanceof Collection<?> collection) {
            StringJoiner joined = new StringJoiner(", ", value.getClass().getSimpleName() + "[", "]");
            collection.forEach((element) -> joined.add(describe(element)));
            return joined.toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringJoiner joined = new StringJoiner(", ", value.getClass().getSimpleName() + "{", "}");
            map.forEach((key, element) -> joined.add(describe(key) + "=" + describe(element)));
            return joined.toString();
        }
        if (value instanceof Record) {
            return describeRecord(value);
        }
        return String.valueOf(value);
    }

    private static String describeRecord(Object record) {
        StringJoiner joined = new StringJoiner(", ", record.getClass().getSimpleName() + "[", "]");
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                // Input records are private to their tests; the accessor is public, its class is not.
                var accessor = component.getAccessor();
                accessor.setAccessible(true);
                joined.add(component.getName() + "=" + describe(accessor.invoke(record)));
            }
            catch (ReflectiveOperationException | RuntimeException ex) {
                joined.add(component.getName() + "=?");
            }
        }
        return joined.toString();
    }

    private static String quoted(CharSequence text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        text.chars().forEach((c) -> {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append((char) c);
            }
            else if (c >= 0x20 && c < 0x7F) {
                quoted.append((char) c);
            }
            else {
                quoted.append(String.format("\\u%04x", c));
            }
        });
        return quoted.append('"').toString();
    }
}
