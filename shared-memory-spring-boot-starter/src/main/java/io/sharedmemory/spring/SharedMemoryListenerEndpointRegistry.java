package io.sharedmemory.spring;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.Subscription;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Holds the {@link SharedMemoryListenerEndpoint endpoints} found by
 * {@link SharedMemoryListenerAnnotationBeanPostProcessor} and subscribes them to the store once
 * the application context starts (watching the keys of {@link SharedMemoryKeyListenerEndpoint
 * key endpoints}); unsubscribes them, newest first, when it stops.
 * <p>
 * Its phase is late (like Spring Kafka's listener containers), so messages are delivered only
 * to a fully started application, and listeners go quiet before the rest of it shuts down. An
 * endpoint registered while the registry runs is subscribed at once.
 */
public class SharedMemoryListenerEndpointRegistry implements SmartLifecycle {

    /** The phase: after the store and the application's usual lifecycle beans have started. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 100;

    private static final Log logger = LogFactory.getLog(SharedMemoryListenerEndpointRegistry.class);

    private final Supplier<KeyValueStore> store;

    private final List<SharedMemoryListenerEndpoint> endpoints = new ArrayList<>();

    private final List<SharedMemoryKeyListenerEndpoint> keyEndpoints = new ArrayList<>();

    private final Deque<Subscription> subscriptions = new ArrayDeque<>();

    private boolean running;

    /**
     * Creates a registry.
     * @param store supplies the store to subscribe to; called when the registry starts, so that
     *        creating the registry does not create the store
     */
    public SharedMemoryListenerEndpointRegistry(Supplier<KeyValueStore> store) {
        this.store = store;
    }

    /**
     * Adds an endpoint; subscribes it now if the registry is running.
     * @param endpoint the endpoint
     */
    public synchronized void register(SharedMemoryListenerEndpoint endpoint) {
        this.endpoints.add(endpoint);
        if (this.running) {
            subscribe(this.store.get(), endpoint);
        }
    }

    /**
     * Adds a key watcher; watches its keys now if the registry is running.
     * @param endpoint the endpoint
     */
    public synchronized void register(SharedMemoryKeyListenerEndpoint endpoint) {
        this.keyEndpoints.add(endpoint);
        if (this.running) {
            watch(this.store.get(), endpoint);
        }
    }

    /**
     * The registered key watchers.
     * @return a copy, in registration order
     */
    public synchronized List<SharedMemoryKeyListenerEndpoint> getKeyEndpoints() {
        return List.copyOf(this.keyEndpoints);
    }

    /**
     * The registered endpoints.
     * @return a copy, in registration order
     */
    public synchronized List<SharedMemoryListenerEndpoint> getEndpoints() {
        return List.copyOf(this.endpoints);
    }

    @Override
    public synchronized void start() {
        if (this.running) {
            return;
        }
        if (!this.endpoints.isEmpty() || !this.keyEndpoints.isEmpty()) {
            KeyValueStore store = this.store.get();
            try {
                this.endpoints.forEach((endpoint) -> subscribe(store, endpoint));
                this.keyEndpoints.forEach((endpoint) -> watch(store, endpoint));
            }
            catch (RuntimeException ex) {
                unsubscribeAll();
                throw ex;
            }
        }
        this.running = true;
    }

    @Override
    public synchronized void stop() {
        this.running = false;
        unsubscribeAll();
    }

    @Override
    public synchronized boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void subscribe(KeyValueStore store, SharedMemoryListenerEndpoint endpoint) {
        SharedMemoryListenerEndpoint.ListenerInvoker invoker = endpoint.invoker();
        for (String channel : endpoint.channels()) {
            this.subscriptions.push(store.subscribe(channel, (message) -> invoker.invoke(channel, message)));
        }
        for (String pattern : endpoint.patterns()) {
            this.subscriptions.push(store.subscribePattern(pattern, invoker::invoke));
        }
        if (logger.isDebugEnabled()) {
            logger.debug("Subscribed " + endpoint.id() + " to channels " + endpoint.channels() + " and patterns "
                    + endpoint.patterns());
        }
    }

    private void watch(KeyValueStore store, SharedMemoryKeyListenerEndpoint endpoint) {
        for (String keys : endpoint.keys()) {
            this.subscriptions.push(store.watch(keys, endpoint.invoker()));
        }
        if (logger.isDebugEnabled()) {
            logger.debug("Watching keys " + endpoint.keys() + " for " + endpoint.id());
        }
    }

    private void unsubscribeAll() {
        // Newest first: the reverse of the order in which they were made.
        while (!this.subscriptions.isEmpty()) {
            this.subscriptions.pop().close();
        }
    }
}
