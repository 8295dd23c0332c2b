package io.sharedmemory.actuate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sharedmemory.core.SharedMemoryUnavailableException;
import io.sharedmemory.core.StoreObserver;

/**
 * Records what the store does as Micrometer meters, once Spring Boot has bound it to the
 * application's registry (until then, nothing is recorded):
 * <ul>
 * <li>{@code shared.memory.requests}, a timer tagged {@code operation} (the store method, e.g.
 * {@code get}) and {@code result} ({@code success}, {@code error} when refused,
 * {@code unavailable} when main or Redis did not answer);</li>
 * <li>{@code shared.memory.messages.published} and {@code shared.memory.messages.delivered}
 * (each message handed to one listener of this process);</li>
 * <li>{@code shared.memory.disconnects}, tagged {@code reason} ({@code too-slow},
 * {@code bad-frame}, {@code peer-refused}, {@code lost});</li>
 * <li>{@code shared.memory.near.cache.gets}, tagged {@code result} ({@code hit}, {@code miss}):
 * the reads of keys the near cache may hold.</li>
 * </ul>
 * No key or channel is ever a tag. Meters are looked up once and kept, so a call costs two
 * map reads and a timer update.
 */
public class SharedMemoryMetrics implements StoreObserver, MeterBinder {

    /** The request timer's name. */
    public static final String REQUESTS = "shared.memory.requests";

    /** The near cache counter's name. */
    public static final String NEAR_CACHE_GETS = "shared.memory.near.cache.gets";

    private static final String[] RESULTS = { "success", "error", "unavailable" };

    private final Map<String, Timer[]> timers = new ConcurrentHashMap<>();

    private final Map<DisconnectReason, Counter> disconnects = new ConcurrentHashMap<>();

    private volatile MeterRegistry registry;

    private volatile Counter published;

    private volatile Counter delivered;

    private volatile Counter nearCacheHits;

    private volatile Counter nearCacheMisses;

    @Override
    public void bindTo(MeterRegistry registry) {
        this.timers.clear();
        this.disconnects.clear();
        this.published = Counter.builder("shared.memory.messages.published")
            .description("Messages published through this process's store").register(registry);
        this.delivered = Counter.builder("shared.memory.messages.delivered")
            .description("Messages handed to a listener of this process").register(registry);
        this.nearCacheHits = nearCacheGets(registry, "hit");
        this.nearCacheMisses = nearCacheGets(registry, "miss");
        for (DisconnectReason reason : DisconnectReason.values()) {
            this.disconnects.put(reason, Counter.builder("shared.memory.disconnects").tag("reason", reason.tag())
                .description("Connections that ended other than by a clean close").register(registry));
        }
        this.registry = registry;
    }

    @Override
    public void requestCompleted(String operation, long nanos, Throwable failure) {
        MeterRegistry current = this.registry;
        if (current == null) {
            return;
        }
        // get first: computeIfAbsent may lock the key's bin even when the key is present, and
        // every calling thread would queue on it.
        Timer[] byResult = this.timers.get(operation);
        if (byResult == null) {
            byResult = this.timers.computeIfAbsent(operation, (name) -> register(current, name));
        }
        byResult[result(failure)].record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void messagePublished() {
        Counter counter = this.published;
        if (counter != null) {
            counter.increment();
        }
    }

    @Override
    public void messageDelivered() {
        Counter counter = this.delivered;
        if (counter != null) {
            counter.increment();
        }
    }

    @Override
    public void nearCacheGet(boolean hit) {
        Counter counter = hit ? this.nearCacheHits : this.nearCacheMisses;
        if (counter != null) {
            counter.increment();
        }
    }

    private static Counter nearCacheGets(MeterRegistry registry, String result) {
        return Counter.builder(NEAR_CACHE_GETS).tag("result", result)
            .description("Reads of keys the near cache may hold, by whether it answered").register(registry);
    }

    @Override
    public void disconnected(DisconnectReason reason) {
        Counter counter = this.disconnects.get(reason);
        if (counter != null) {
            counter.increment();
        }
    }

    private static Timer[] register(MeterRegistry registry, String operation) {
        Timer[] byResult = new Timer[RESULTS.length];
        for (int i = 0; i < RESULTS.length; i++) {
            byResult[i] = Timer.builder(REQUESTS).tag("operation", operation).tag("result", RESULTS[i])
                .description("Calls of the shared-memory store").register(registry);
        }
        return byResult;
    }

    private static int result(Throwable failure) {
        if (failure == null) {
            return 0;
        }
        Throwable cause = (failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null)
                ? failure.getCause() : failure;
        return (cause instanceof SharedMemoryUnavailableException) ? 2 : 1;
    }
}
