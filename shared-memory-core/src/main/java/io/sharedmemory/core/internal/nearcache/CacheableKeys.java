package io.sharedmemory.core.internal.nearcache;

import java.util.List;

import io.sharedmemory.core.internal.store.GlobPattern;

/** Internal. Decides which keys a near cache may hold: those that match one of its globs. */
final class CacheableKeys {

    private final GlobPattern[] globs;

    /** {@code *} alone is the default and the common case: no matching at all. */
    private final boolean all;

    CacheableKeys(List<String> globs) {
        this.globs = globs.stream().map(GlobPattern::compile).toArray(GlobPattern[]::new);
        this.all = globs.contains("*");
    }

    boolean test(String key) {
        if (this.all) {
            return true;
        }
        for (GlobPattern glob : this.globs) {
            if (glob.matches(key)) {
                return true;
            }
        }
        return false;
    }
}
