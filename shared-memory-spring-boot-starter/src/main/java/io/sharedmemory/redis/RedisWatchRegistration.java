package io.sharedmemory.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.sharedmemory.core.SharedMemoryException;
import io.sharedmemory.core.SharedMemoryUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's side of the watch handshake ({@link RedisWatchControl}): its registration in
 * the set of watchers while it watches, the answers it gives to other processes' registrations
 * (after switching its own writes to the scripts), and the answers it counts for its own. Also
 * asks Redis to notify expired keys. {@link RedisWatches} calls it under its lock, but for
 * {@link #control}, which runs on the I/O thread.
 */
final class RedisWatchRegistration {

    private static final Logger logger = LoggerFactory.getLogger(RedisWatchRegistration.class);

    private static final String NOTIFY = "notify-keyspace-events";

    private final RedisWatchChannels channels;

    private final RedisCalls calls;

    private final RedisWatcherPresence presence;

    /** How long a registration holds without renewal; renewed every third of it. */
    private final long leaseMillis;

    /** When the current registration was last started or renewed ({@link System#nanoTime()}). */
    private long renewedAt;

    /** Answers counted for the registrations being started, by token. */
    private final Map<String, Semaphore> acknowledgements = new ConcurrentHashMap<>();

    /**
     * This process's registrations that may be in Redis: the current one, and any whose ending
     * failed (Redis away, or a reply lost after the script ran); each new registration and each
     * ending removes them all. Guarded by the caller's lock.
     */
    private final Set<String> tokens = new LinkedHashSet<>();

    RedisWatchRegistration(RedisWatchChannels channels, RedisCalls calls, RedisWatcherPresence presence,
            Duration lease) {
        this.channels = channels;
        this.calls = calls;
        this.presence = presence;
        this.leaseMillis = lease.toMillis();
    }

    /**
     * Reads the registrations whose lease holds.
     * @return each token and the milliseconds its lease has left
     */
    Map<String, Long> watchers(long deadline) {
        List<Object> reply = this.calls.join(RedisWatchedScripts.WATCHERS.<List<Object>>run(this.calls, deadline,
                this.channels.registry()));
        Map<String, Long> leases = new HashMap<>();
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            leases.put(new String((byte[]) reply.get(i), StandardCharsets.US_ASCII),
                    Long.parseLong(new String((byte[]) reply.get(i + 1), StandardCharsets.US_ASCII)));
        }
        return leases;
    }

    /** Tells whether this process has (or may still have) a registration in Redis. */
    boolean isRegistered() {
        return !this.tokens.isEmpty();
    }

    /** Handles a message on the control channel; runs on the I/O thread and never blocks long. */
    void control(byte[] message) {
        RedisWatchControl control = RedisWatchControl.decode(message);
        if (control == null) {
            return;
        }
        switch (control.kind()) {
            case 'W' -> {
                // Writes are watched from here on; the answer goes after every plain write issued before.
                this.presence.registration(control.token(), true, control.leaseMillis());
                byte[] ack = RedisWatchControl.ack(control.token()).encode();
                this.calls.submit((commands) -> commands.publish(this.channels.control(), ack), this.calls.deadline())
                    .exceptionally((failure) -> {
                        logger.debug("Could not acknowledge a watch: {}", failure.getMessage());
                        return null;
                    });
            }
            case 'R' -> this.presence.registration(control.token(), true, control.leaseMillis());
            case 'U' -> this.presence.registration(control.token(), false, 0);
            default -> {
                Semaphore counted = this.acknowledgements.get(control.token());
                if (counted != null) {
                    counted.release();
                }
            }
        }
    }

    /**
     * Starts a new registration (dropping the previous one) and waits until every receiver of
     * its {@code W} has answered.
     * @return {@code null} once all answered, else what is missing
     * @throws SharedMemoryException if Redis did not run the registration
     */
    String register(long deadline) {
        String fresh = UUID.randomUUID().toString();
        byte[] previous = String.join(" ", this.tokens).getBytes(StandardCharsets.US_ASCII);
        Semaphore counted = new Semaphore(0);
        this.acknowledgements.put(fresh, counted);
        this.tokens.add(fresh);
        try {
            long started = System.nanoTime();
            long receivers = this.calls.<Long>join(RedisWatchedScripts.REGISTER.run(this.calls, deadline,
                    this.channels.registry(), previous, fresh.getBytes(StandardCharsets.US_ASCII),
                    this.channels.control(), ascii(this.leaseMillis)));
            this.tokens.retainAll(Set.of(fresh));
            this.renewedAt = started;
            long remaining = Math.max(0, deadline - System.nanoTime());
            if (!counted.tryAcquire((int) Math.min(Integer.MAX_VALUE, receivers), remaining, TimeUnit.NANOSECONDS)) {
                return "only " + counted.availablePermits() + " of the " + receivers + " processes subscribed to "
                        + new String(this.channels.control(), StandardCharsets.UTF_8)
                        + " confirmed the watch within the request timeout";
            }
            return null;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new SharedMemoryUnavailableException("Interrupted while starting a watch", ex);
        }
        finally {
            this.acknowledgements.remove(fresh);
        }
    }

    /**
     * Renews the current registration's lease.
     * @return {@code true} if it was renewed in time; {@code false} if the lease may have run
     *         out meanwhile (other processes may have gone back to plain writes), so the caller
     *         should register again
     * @throws SharedMemoryException if Redis did not renew it
     */
    boolean renew(long deadline) {
        String current = this.tokens.stream().reduce((first, second) -> second).orElseThrow();
        long started = System.nanoTime();
        boolean inTime = started - this.renewedAt < TimeUnit.MILLISECONDS.toNanos(this.leaseMillis);
        this.calls.join(RedisWatchedScripts.RENEW.run(this.calls, deadline, this.channels.registry(),
                current.getBytes(StandardCharsets.US_ASCII), this.channels.control(), ascii(this.leaseMillis)));
        this.renewedAt = started;
        return inTime;
    }

    private static byte[] ascii(long number) {
        return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
    }

    /** Ends the registration; on failure keeps the token, so the next connection ends it. */
    void unregister(long deadline) {
        String ending = String.join(" ", this.tokens);
        try {
            this.calls.join(RedisWatchedScripts.UNREGISTER.run(this.calls, deadline, this.channels.registry(),
                    ending.getBytes(StandardCharsets.US_ASCII), this.channels.control()));
            this.tokens.clear();
        }
        catch (SharedMemoryException ex) {
            logger.debug("Could not end the watch registration {} now ({}); it ends on reconnect", ending,
                    ex.getMessage());
        }
    }

    /**
     * Makes Redis notify expired keys ({@code notify-keyspace-events} with {@code E} and {@code x}),
     * keeping the flags it has.
     * @throws SharedMemoryException naming the setting if Redis refuses
     */
    void notifyExpiredKeys(long deadline) {
        try {
            Map<String, String> config = this.calls.join(this.calls.submit((commands) -> commands.configGet(NOTIFY), deadline));
            String flags = config.getOrDefault(NOTIFY, "");
            boolean keyevent = flags.indexOf('E') >= 0;
            boolean expired = flags.indexOf('x') >= 0 || flags.indexOf('A') >= 0;
            if (keyevent && expired) {
                return;
            }
            String wanted = flags + (keyevent ? "" : "E") + (expired ? "" : "x");
            this.calls.join(this.calls.submit((commands) -> commands.configSet(NOTIFY, wanted), deadline));
        }
        catch (RedisCalls.RedisErrorReply ex) {
            throw new SharedMemoryException("watch needs Redis to notify expired keys, but Redis refused CONFIG GET/SET "
                    + NOTIFY + " (" + ex.getMessage() + "); set " + NOTIFY + " to include 'Ex' on the server", ex);
        }
    }
}
