package io.sharedmemory.core.internal.nearcache;

import java.util.List;

/**
 * An {@link InvalidationSource} the test drives by hand: it tells the near cache that tracking is
 * live, that keys changed, or that tracking was lost. Calls are serialized, as a real source's are.
 */
final class ScriptedInvalidations implements InvalidationSource {

    private InvalidationListener listener;

    private List<String> globs;

    private boolean closed;

    private boolean live;

    @Override
    public synchronized AutoCloseable track(List<String> globs, InvalidationListener listener) {
        if (this.listener != null && !this.closed) {
            throw new IllegalStateException("tracked twice");
        }
        this.closed = false;
        this.live = false;
        this.globs = globs;
        this.listener = listener;
        return () -> {
            synchronized (this) {
                this.closed = true;
            }
        };
    }

    synchronized void live() {
        this.live = true;
        this.listener.live();
    }

    /** Tells of a change, as main or Redis would, if tracking is live (else it goes untold). */
    synchronized void invalidated(String key) {
        if (this.live) {
            this.listener.invalidated(key);
        }
    }

    synchronized void lost() {
        this.live = false;
        this.listener.lost();
    }

    synchronized boolean isClosed() {
        return this.closed;
    }

    synchronized List<String> globs() {
        return this.globs;
    }
}
