package io.sharedmemory.core.internal.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sharedmemory.core.KeyEvent;
import io.sharedmemory.core.internal.store.ChangeListener;
import io.sharedmemory.core.internal.store.GlobPattern;
import io.sharedmemory.core.internal.store.InMemoryStore;

/**
 * Main's table of who watches which keys, for every process, and the one {@link ChangeListener}
 * that routes the store's changes to them.
 *
 * <p>Watching costs nothing for keys nobody watches: the listener is on the store only while at
 * least one watch exists (with none, the store's writes take their plain paths), and a key nobody
 * watches costs one hash lookup for the literal globs plus one match per wildcard glob.
 *
 * <p>Invariants: the tables are immutable snapshots, replaced whole under this object's lock, so
 * {@link #changed} (called from inside the store's steps, on any thread) reads them without
 * locking; the listener is registered exactly while the tables hold an entry; a watcher is told
 * once per change however many of its globs match, with values if any matching glob asked.
 */
final class WatchRouter implements ChangeListener {

    private static final Entry[] NONE = {};

    private final InMemoryStore store;

    /** Globs without wildcards, by the key they name. */
    private volatile Map<String, Entry[]> literals = Map.of();

    /** Globs with wildcards, tested one by one. */
    private volatile Entry[] wildcards = NONE;

    /** Removes the listener from the store; non-null exactly while it is registered. */
    private Runnable unregister;

    WatchRouter(InMemoryStore store) {
        this.store = store;
    }

    /**
     * Adds a watch, or replaces the flag of the watcher's watch of the same glob.
     * @throws IllegalArgumentException if the glob is malformed or empty
     */
    synchronized void watch(String glob, Watcher watcher, boolean withValues) {
        if (glob.isEmpty()) {
            throw new IllegalArgumentException("The key pattern must not be empty");
        }
        Entry entry = new Entry(GlobPattern.compile(glob), watcher, withValues);
        removeEntries(glob, watcher);
        if (entry.pattern.isLiteral()) {
            Map<String, Entry[]> grown = new HashMap<>(this.literals);
            grown.merge(entry.pattern.literalText(), new Entry[] {entry}, WatchRouter::concat);
            this.literals = grown;
        }
        else {
            this.wildcards = concat(this.wildcards, new Entry[] {entry});
        }
        if (this.unregister == null) {
            this.unregister = this.store.addChangeListener(this);
        }
    }

    /** Removes the watcher's watch of a glob, if any. */
    synchronized void unwatch(String glob, Watcher watcher) {
        removeEntries(glob, watcher);
        unregisterIfIdle();
    }

    /** Removes every watch of one watcher, e.g. a child that went away. */
    synchronized void unwatchAll(Watcher watcher) {
        Map<String, Entry[]> kept = new HashMap<>();
        this.literals.forEach((key, entries) -> {
            Entry[] left = without(entries, watcher, null);
            if (left.length > 0) {
                kept.put(key, left);
            }
        });
        this.literals = kept;
        this.wildcards = without(this.wildcards, watcher, null);
        unregisterIfIdle();
    }

    /** How many watches are held, for leak checks. */
    int watchCount() {
        int count = this.wildcards.length;
        for (Entry[] entries : this.literals.values()) {
            count += entries.length;
        }
        return count;
    }

    /** Whether the change listener is on the store now. */
    synchronized boolean listening() {
        return this.unregister != null;
    }

    @Override
    public void changed(KeyEvent.Type type, String key, byte[] oldBytes, byte[] newBytes, long ttlNanos) {
        Entry[] exact = this.literals.get(key);
        Entry[] globs = this.wildcards;
        List<Entry> hits = null;
        if (exact != null) {
            hits = new ArrayList<>(exact.length + 1);
            for (Entry entry : exact) {
                hits = add(hits, entry);
            }
        }
        for (Entry entry : globs) {
            if (entry.pattern.matches(key)) {
                hits = add((hits != null) ? hits : new ArrayList<>(2), entry);
            }
        }
        if (hits != null) {
            for (Entry hit : hits) {
                hit.watcher.keyChanged(type, key, oldBytes, newBytes, hit.withValues);
            }
        }
    }

    /** Adds a hit, merging it into an earlier hit of the same watcher (values if either asked). */
    private static List<Entry> add(List<Entry> hits, Entry entry) {
        for (int i = 0; i < hits.size(); i++) {
            Entry earlier = hits.get(i);
            if (earlier.watcher == entry.watcher) {
                if (entry.withValues && !earlier.withValues) {
                    hits.set(i, entry);
                }
                return hits;
            }
        }
        hits.add(entry);
        return hits;
    }

    private void removeEntries(String glob, Watcher watcher) {
        Map<String, Entry[]> current = this.literals;
        boolean literal = GlobPattern.compile(glob).isLiteral();
        if (literal) {
            String key = GlobPattern.compile(glob).literalText();
            Entry[] entries = current.get(key);
            if (entries != null) {
                Map<String, Entry[]> shrunk = new HashMap<>(current);
                Entry[] left = without(entries, watcher, glob);
                if (left.length == 0) {
                    shrunk.remove(key);
                }
                else {
                    shrunk.put(key, left);
                }
                this.literals = shrunk;
            }
        }
        else {
            this.wildcards = without(this.wildcards, watcher, glob);
        }
    }

    private void unregisterIfIdle() {
        if (this.unregister != null && this.literals.isEmpty() && this.wildcards.length == 0) {
            this.unregister.run();
            this.unregister = null;
        }
    }

    /** The entries but those of the watcher (of one glob, or of all if {@code glob} is null). */
    private static Entry[] without(Entry[] entries, Watcher watcher, String glob) {
        return Arrays.stream(entries)
                .filter((entry) -> entry.watcher != watcher || (glob != null && !entry.pattern.pattern().equals(glob)))
                .toArray(Entry[]::new);
    }

    private static Entry[] concat(Entry[] first, Entry[] second) {
        Entry[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private record Entry(GlobPattern pattern, Watcher watcher, boolean withValues) {
    }
}
