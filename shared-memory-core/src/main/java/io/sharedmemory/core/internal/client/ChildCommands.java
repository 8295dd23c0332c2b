package io.sharedmemory.core.internal.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.sharedmemory.core.SharedMemoryException;
import io.sharedmemory.core.internal.codec.ValueCodec;
import io.sharedmemory.core.internal.protocol.BooleanReply;
import io.sharedmemory.core.internal.protocol.CompareAndSet;
import io.sharedmemory.core.internal.protocol.Delete;
import io.sharedmemory.core.internal.protocol.EntriesReply;
import io.sharedmemory.core.internal.protocol.Get;
import io.sharedmemory.core.internal.protocol.GetAll;
import io.sharedmemory.core.internal.protocol.GetMany;
import io.sharedmemory.core.internal.protocol.Increment;
import io.sharedmemory.core.internal.protocol.KeyListReply;
import io.sharedmemory.core.internal.protocol.Keys;
import io.sharedmemory.core.internal.protocol.LongReply;
import io.sharedmemory.core.internal.protocol.Ok;
import io.sharedmemory.core.internal.protocol.Publish;
import io.sharedmemory.core.internal.protocol.Reply;
import io.sharedmemory.core.internal.protocol.SetIfAbsent;
import io.sharedmemory.core.internal.protocol.SetMany;
import io.sharedmemory.core.internal.protocol.SetValue;
import io.sharedmemory.core.internal.protocol.ValueReply;
import io.sharedmemory.core.internal.store.TimeToLive;

/**
 * Builds a child's commands from the store's arguments: checks them, encodes values, and says
 * how each reply decodes. Arguments are checked here, before anything is sent.
 */
final class ChildCommands {

    private final ValueCodec codec;

    ChildCommands(ValueCodec codec) {
        this.codec = codec;
    }

    ChildCommand<Void> set(String key, Object value, long ttlMillis) {
        return new ChildCommand<>(new SetValue(key(key), ttlMillis, encode(value)), ChildCommands::none);
    }

    ChildCommand<Void> set(String key, Object value, Duration ttl) {
        return set(key, value, TimeToLive.millis(ttl));
    }

    ChildCommand<Object> get(String key) {
        return new ChildCommand<>(new Get(key(key)), (reply) -> decode(reply(reply, ValueReply.class).value()));
    }

    ChildCommand<Boolean> delete(String key) {
        return new ChildCommand<>(new Delete(key(key)), ChildCommands::bool);
    }

    ChildCommand<Map<String, Object>> getAll() {
        return new ChildCommand<>(new GetAll(), this::entries);
    }

    ChildCommand<Map<String, Object>> getAll(Collection<String> keys) {
        List<String> names = new ArrayList<>(Objects.requireNonNull(keys, "keys"));
        names.forEach(ChildCommands::key);
        return new ChildCommand<>(new GetMany(names), this::entries);
    }

    ChildCommand<Void> setAll(Map<String, ?> entries) {
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        Objects.requireNonNull(entries, "entries").forEach((key, value) -> encoded.put(key(key), encode(value)));
        return new ChildCommand<>(new SetMany(encoded), ChildCommands::none);
    }

    ChildCommand<Set<String>> keys(String globPattern) {
        Objects.requireNonNull(globPattern, "globPattern");
        return new ChildCommand<>(new Keys(globPattern), (reply) -> Set.copyOf(reply(reply, KeyListReply.class).keys()));
    }

    ChildCommand<Boolean> setIfAbsent(String key, Object value) {
        return new ChildCommand<>(new SetIfAbsent(key(key), 0, encode(value)), ChildCommands::bool);
    }

    ChildCommand<Boolean> compareAndSet(String key, Object expected, Object update) {
        byte[] expectedBytes = encode(Objects.requireNonNull(expected, "expected"));
        return new ChildCommand<>(new CompareAndSet(key(key), expectedBytes, encode(update)), ChildCommands::bool);
    }

    ChildCommand<Long> increment(String key, long delta) {
        return new ChildCommand<>(new Increment(key(key), delta), (reply) -> reply(reply, LongReply.class).value());
    }

    ChildCommand<Void> publish(String channel, Object message) {
        Objects.requireNonNull(channel, "channel");
        return new ChildCommand<>(new Publish(channel, encode(message)), ChildCommands::none);
    }

    private Map<String, Object> entries(Reply reply) {
        Map<String, byte[]> entries = reply(reply, EntriesReply.class).entries();
        // Sized once, and not copied again: a listing may hold every key of a large store, and
        // this map is the caller's alone, so the unmodifiable view is an immutable snapshot.
        Map<String, Object> values = new HashMap<>(Math.max(16, entries.size() * 4 / 3 + 1));
        entries.forEach((key, bytes) -> values.put(key, this.codec.decode(bytes)));
        return Collections.unmodifiableMap(values);
    }

    private Object decode(byte[] bytes) {
        return (bytes != null) ? this.codec.decode(bytes) : null;
    }

    private byte[] encode(Object value) {
        return this.codec.encode(Objects.requireNonNull(value, "value"));
    }

    private static String key(String key) {
        return Objects.requireNonNull(key, "key");
    }

    private static Boolean bool(Reply reply) {
        return reply(reply, BooleanReply.class).value();
    }

    private static Void none(Reply reply) {
        reply(reply, Ok.class);
        return null;
    }

    private static <R extends Reply> R reply(Reply reply, Class<R> type) {
        if (!type.isInstance(reply)) {
            throw new SharedMemoryException("Main answered with " + reply + " where " + type.getSimpleName()
                    + " was expected");
        }
        return type.cast(reply);
    }
}
