package io.sharedmemory.core.internal.server;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sharedmemory.core.SharedMemoryCodecException;
import io.sharedmemory.core.internal.codec.ValueCodec;
import io.sharedmemory.core.internal.protocol.BooleanReply;
import io.sharedmemory.core.internal.protocol.Unwatch;
import io.sharedmemory.core.internal.protocol.Watch;
import io.sharedmemory.core.internal.protocol.CompareAndSet;
import io.sharedmemory.core.internal.protocol.Delete;
import io.sharedmemory.core.internal.protocol.ErrorReply;
import io.sharedmemory.core.internal.protocol.Get;
import io.sharedmemory.core.internal.protocol.GetAll;
import io.sharedmemory.core.internal.protocol.GetMany;
import io.sharedmemory.core.internal.protocol.Handshake;
import io.sharedmemory.core.internal.protocol.Increment;
import io.sharedmemory.core.internal.protocol.Keys;
import io.sharedmemory.core.internal.protocol.LongReply;
import io.sharedmemory.core.internal.protocol.Ok;
import io.sharedmemory.core.internal.protocol.PatternSubscribe;
import io.sharedmemory.core.internal.protocol.PatternUnsubscribe;
import io.sharedmemory.core.internal.protocol.Ping;
import io.sharedmemory.core.internal.protocol.Publish;
import io.sharedmemory.core.internal.protocol.Reply;
import io.sharedmemory.core.internal.protocol.Request;
import io.sharedmemory.core.internal.protocol.Requests;
import io.sharedmemory.core.internal.protocol.SetIfAbsent;
import io.sharedmemory.core.internal.protocol.SetMany;
import io.sharedmemory.core.internal.protocol.SetValue;
import io.sharedmemory.core.internal.protocol.Subscribe;
import io.sharedmemory.core.internal.protocol.Unsubscribe;
import io.sharedmemory.core.internal.protocol.ValueReply;
import io.sharedmemory.core.internal.store.GlobPattern;
import io.sharedmemory.core.internal.store.InMemoryStore;
import io.sharedmemory.core.NotAnIntegerException;
import io.sharedmemory.core.StoreObserver;
import io.sharedmemory.core.internal.store.StoredValue;
import io.sharedmemory.core.internal.wire.ErrorCodes;
import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.FrameEncoder;
import io.sharedmemory.core.internal.wire.ProtocolException;

/**
 * Serves one request frame of a child against main's store and router, writing exactly one
 * reply: one frame, or for a listing ({@code GET_ALL}, {@code GET_MANY}, {@code KEYS}) its first
 * frame and the {@link ReplyParts} that write the rest. A malformed frame throws
 * {@link ProtocolException} (the connection is closed); a refused request gets an {@code ERROR}
 * reply and the connection carries on. No frame is larger than the connection's limit: main's
 * max-frame-size, or the client's if it said a smaller one.
 */
final class RequestHandler {

    private static final Logger logger = LoggerFactory.getLogger(RequestHandler.class);

    private static final Ok OK = new Ok();

    private static final BooleanReply TRUE = new BooleanReply(true);

    private static final BooleanReply FALSE = new BooleanReply(false);

    private static final ValueReply ABSENT = new ValueReply(null);

    private final InMemoryStore store;

    private final MessageRouter router;

    private final ValueCodec codec;

    private final int maxFrameSize;

    private final StoreObserver observer;

    RequestHandler(InMemoryStore store, MessageRouter router, ValueCodec codec, int maxFrameSize) {
        this(store, router, codec, maxFrameSize, StoreObserver.NONE);
    }

    RequestHandler(InMemoryStore store, MessageRouter router, ValueCodec codec, int maxFrameSize,
            StoreObserver observer) {
        this.observer = observer;
        this.store = store;
        this.router = router;
        this.codec = codec;
        this.maxFrameSize = maxFrameSize;
    }

    /**
     * Serves one request, writing its reply (or the first frame of it) into {@code out}.
     * @return the rest of a reply in parts, for the connection to send frame by frame after this
     *         one; {@code null} if the reply was written whole
     */
    ReplyParts handle(FrameBody frame, FrameEncoder out, ChildConnection connection) {
        byte opcode = frame.opcode();
        int id = frame.int32();
        Request request = Requests.read(opcode, frame);
        long start = System.nanoTime();
        int clientLimit = connection.clientFrameLimit();
        int limit = (clientLimit == Handshake.Hello.NO_PARTS) ? this.maxFrameSize
                : Math.min(this.maxFrameSize, clientLimit);
        Reply reply;
        ReplyParts parts = null;
        RuntimeException failure = null;
        try {
            ReplyParts.Listing listing = listing(request);
            if (listing != null) {
                parts = new ReplyParts(id, listing, limit, clientLimit != Handshake.Hello.NO_PARTS);
            }
            reply = (parts == null) ? serve(request, connection) : null;
        }
        catch (NotAnIntegerException ex) {
            failure = ex;
            reply = new ErrorReply(ErrorCodes.NOT_AN_INTEGER, ex.getMessage());
        }
        catch (SharedMemoryCodecException ex) {
            failure = ex;
            logger.warn("Refused a value from {}: {}", connection, ex.getMessage());
            reply = new ErrorReply(ErrorCodes.BAD_VALUE, ex.getMessage());
        }
        catch (IllegalArgumentException ex) {
            failure = ex;
            reply = new ErrorReply(ErrorCodes.BAD_REQUEST, ex.getMessage());
        }
        catch (RuntimeException ex) {
            failure = ex;
            logger.error("Request {} from {} failed", opcode, connection, ex);
            reply = new ErrorReply(ErrorCodes.INTERNAL, ex.toString());
        }
        ReplyParts rest = null;
        if (parts != null) {
            rest = parts.writeNext(out) ? parts : null;
        }
        else {
            write(out, id, reply, limit);
        }
        // A listing in parts is timed to its first part: the rest is written as the socket takes it.
        this.observer.requestCompleted(Requests.operation(request), System.nanoTime() - start, failure);
        return rest;
    }

    /** The listing of a request whose reply grows with the store, copied now; {@code null} for others. */
    private ReplyParts.Listing listing(Request request) {
        if (request instanceof GetAll) {
            return ReplyParts.entries(this.store.snapshot());
        }
        if (request instanceof GetMany many) {
            return ReplyParts.entries(this.store.getMany(many.keys()));
        }
        if (request instanceof Keys keys) {
            return ReplyParts.keys(this.store.keys(GlobPattern.compile(keys.pattern())));
        }
        return null;
    }

    private Reply serve(Request request, ChildConnection connection) {
        if (request instanceof Get get) {
            StoredValue value = this.store.get(get.key());
            return (value != null) ? new ValueReply(value.bytes()) : ABSENT;
        }
        if (request instanceof SetValue set) {
            this.store.set(set.key(), value(set.value()), ttl(set.ttlMillis()));
            return OK;
        }
        if (request instanceof SetIfAbsent set) {
            return bool(this.store.setIfAbsent(set.key(), value(set.value()), ttl(set.ttlMillis())));
        }
        if (request instanceof Delete delete) {
            return bool(this.store.delete(delete.key()));
        }
        if (request instanceof SetMany many) {
            Map<String, StoredValue> values = new LinkedHashMap<>();
            many.entries().forEach((key, bytes) -> values.put(key, value(bytes)));
            this.store.setMany(values);
            return OK;
        }
        if (request instanceof CompareAndSet cas) {
            this.codec.validate(cas.expected());
            return bool(this.store.compareAndSet(cas.key(), cas.expected(), value(cas.update())));
        }
        if (request instanceof Increment increment) {
            return new LongReply(this.store.increment(increment.key(), increment.delta()));
        }
        if (request instanceof Publish publish) {
            this.codec.validate(publish.message());
            this.router.publish(publish.channel(), publish.message());
            return OK;
        }
        return subscription(request, connection);
    }

    private Reply subscription(Request request, ChildConnection connection) {
        if (request instanceof Subscribe subscribe) {
            connection.subscribe(subscribe.channel());
        }
        else if (request instanceof Unsubscribe unsubscribe) {
            connection.unsubscribe(unsubscribe.channel());
        }
        else if (request instanceof PatternSubscribe subscribe) {
            connection.subscribePattern(subscribe.pattern());
        }
        else if (request instanceof PatternUnsubscribe unsubscribe) {
            connection.unsubscribePattern(unsubscribe.pattern());
        }
        else if (request instanceof Watch watch) {
            connection.watch(watch.glob(), watch.withValues());
        }
        else if (request instanceof Unwatch unwatch) {
            connection.unwatch(unwatch.glob());
        }
        else if (!(request instanceof Ping)) {
            throw new IllegalStateException("No handler for " + request);
        }
        return OK;
    }

    private StoredValue value(byte[] bytes) {
        // Checked once here, without loading classes, so no child can plant a bad value.
        this.codec.validate(bytes);
        return StoredValue.encoded(bytes);
    }

    private static long ttl(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("Negative time to live: " + millis);
        }
        return millis;
    }

    private static BooleanReply bool(boolean value) {
        return value ? TRUE : FALSE;
    }

    /** Writes the reply; one that grew past the frame limit is replaced by a TOO_LARGE error. */
    private static void write(FrameEncoder out, int id, Reply reply, int limit) {
        reply.begin(out, id);
        if (out.currentFrameSize() - 4 > limit) {
            int size = out.currentFrameSize();
            out.abandon();
            reply = new ErrorReply(ErrorCodes.TOO_LARGE, "The reply (" + size + " bytes) exceeds max-frame-size "
                    + limit);
            reply.begin(out, id);
        }
        out.end();
    }
}
