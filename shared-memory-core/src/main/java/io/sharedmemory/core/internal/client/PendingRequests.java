package io.sharedmemory.core.internal.client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The requests of one connection still waiting for main's reply, by request id, so many
 * threads can have calls in flight on one socket at once.
 */
final class PendingRequests {

    private final AtomicInteger ids = new AtomicInteger();

    private final Map<Integer, PendingCall> calls = new ConcurrentHashMap<>();

    private volatile Throwable closedBy;

    PendingCall register() {
        return register(PendingCall.blocking(this.ids.incrementAndGet()));
    }

    PendingCall registerAsync() {
        return register(PendingCall.async(this.ids.incrementAndGet()));
    }

    private PendingCall register(PendingCall call) {
        this.calls.put(call.id(), call);
        Throwable cause = this.closedBy;
        if (cause != null) {
            // Closed while registering: fail now rather than wait for a reply that cannot come.
            this.calls.remove(call.id());
            call.fail(cause);
        }
        return call;
    }

    /** The call a part of a reply belongs to, left pending; {@code null} if it already timed out. */
    PendingCall get(int id) {
        return this.calls.get(id);
    }

    /** Takes the call a reply belongs to; {@code null} if it already timed out. */
    PendingCall take(int id) {
        return this.calls.remove(id);
    }

    void forget(PendingCall call) {
        this.calls.remove(call.id());
    }

    int size() {
        return this.calls.size();
    }

    /** Fails every waiting call, and every later one, with the cause. */
    void failAll(Throwable cause) {
        this.closedBy = cause;
        for (Integer id : this.calls.keySet()) {
            PendingCall call = this.calls.remove(id);
            if (call != null) {
                call.fail(cause);
            }
        }
    }
}
