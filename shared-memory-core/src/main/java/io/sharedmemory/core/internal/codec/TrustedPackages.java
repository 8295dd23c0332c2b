package io.sharedmemory.core.internal.codec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.sharedmemory.core.SharedMemoryCodecException;

/**
 * Decides, from a class name alone, whether a record or plain object may be decoded.
 * Works on names so main can check a value without loading its class.
 */
final class TrustedPackages {

    /** The property users set; named in every refusal so they know where to look. */
    static final String PROPERTY = "shared-memory.codec.trusted-packages";

    private static final List<String> ALWAYS = List.of("java.lang", "java.util", "java.time");

    /** Each entry ends with '.', so "com.acme." trusts "com.acme.x.Y" but not "com.acmex.Y". */
    private final String[] prefixes;

    TrustedPackages(Collection<String> configured) {
        List<String> all = new ArrayList<>(ALWAYS);
        if (configured != null) {
            for (String entry : configured) {
                String pkg = normalize(entry);
                if (pkg != null) {
                    all.add(pkg);
                }
            }
        }
        this.prefixes = all.stream().map(p -> p + ".").distinct().toArray(String[]::new);
    }

    private static String normalize(String entry) {
        if (entry == null) {
            return null;
        }
        String pkg = entry.strip();
        // "com.acme.*" and "com.acme." are common spellings of "com.acme"; accept them.
        if (pkg.endsWith(".*")) {
            pkg = pkg.substring(0, pkg.length() - 2);
        }
        while (pkg.endsWith(".")) {
            pkg = pkg.substring(0, pkg.length() - 1);
        }
        if (pkg.isEmpty()) {
            return null;
        }
        // Trusting everything would re-open the deserialization-gadget door this list closes.
        if (!isQualifiedName(pkg)) {
            throw new IllegalArgumentException("Invalid entry '" + entry + "' in " + PROPERTY
                    + ": expected a package name such as com.example.model (wildcards are not supported)");
        }
        return pkg;
    }

    /**
     * Checks that a name is a plausible binary class name and lies in a trusted package.
     * @throws SharedMemoryCodecException naming the class and the property otherwise
     */
    void check(String className) {
        if (!isQualifiedName(className)) {
            throw new SharedMemoryCodecException("Invalid class name in value: '" + abbreviate(className) + "'");
        }
        for (String prefix : prefixes) {
            if (className.startsWith(prefix)) {
                return;
            }
        }
        throw new SharedMemoryCodecException("Class " + className + " is not in a trusted package; add its package to "
                + PROPERTY + " to store it");
    }

    /** Dotted Java identifiers ('$' allowed for nested classes); rules out arrays and descriptors. */
    static boolean isQualifiedName(String name) {
        int n = name.length();
        if (n == 0 || n > 1024) {
            return false;
        }
        boolean segmentStart = true;
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (segmentStart) {
                    return false;
                }
                segmentStart = true;
            } else if (!Character.isIdentifierIgnorable(c)
                    && (segmentStart ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c))) {
                segmentStart = false;
            } else {
                return false;
            }
        }
        return !segmentStart;
    }

    static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
