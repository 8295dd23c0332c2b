package io.sharedmemory.bench.load;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code key=value} arguments of a worker JVM. */
public final class WorkerArguments {

    private final Map<String, String> values = new HashMap<>();

    /**
     * Parses arguments.
     * @param arguments {@code key=value} strings
     */
    public WorkerArguments(List<String> arguments) {
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("expected key=value: " + argument);
            }
            this.values.put(argument.substring(0, equals), argument.substring(equals + 1));
        }
    }

    /**
     * A required text argument.
     * @param key the key
     * @return the value
     */
    public String text(String key) {
        String value = this.values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing argument " + key);
        }
        return value;
    }

    /**
     * A required whole-number argument.
     * @param key the key
     * @return the value
     */
    public long longValue(String key) {
        return Long.parseLong(text(key));
    }

    /**
     * A required comma-separated argument.
     * @param key the key
     * @return the items
     */
    public List<String> list(String key) {
        return Arrays.asList(text(key).split(","));
    }
}
