package io.sharedmemory.core.internal.protocol;

import io.sharedmemory.core.internal.wire.ErrorCodes;
import io.sharedmemory.core.internal.wire.FrameBody;
import io.sharedmemory.core.internal.wire.ProtocolException;

/** Reads request frames: the one place that maps a request opcode to its record. */
public final class Requests {

    private Requests() {
    }

    /**
     * The store operation a request carries out, as metrics name it.
     * @param request the request
     * @return the name of its {@code KeyValueStore} method, e.g. {@code get}; {@code getMany}
     *         and {@code setAll} for the batches
     */
    public static String operation(Request request) {
        return switch (request.opcode()) {
            case Get.OPCODE -> "get";
            case SetValue.OPCODE -> "set";
            case Delete.OPCODE -> "delete";
            case GetAll.OPCODE -> "getAll";
            case Keys.OPCODE -> "keys";
            case SetIfAbsent.OPCODE -> "setIfAbsent";
            case CompareAndSet.OPCODE -> "compareAndSet";
            case Increment.OPCODE -> "increment";
            case Publish.OPCODE -> "publish";
            case Subscribe.OPCODE -> "subscribe";
            case Unsubscribe.OPCODE -> "unsubscribe";
            case PatternSubscribe.OPCODE -> "subscribePattern";
            case PatternUnsubscribe.OPCODE -> "unsubscribePattern";
            case Ping.OPCODE -> "ping";
            case GetMany.OPCODE -> "getMany";
            case SetMany.OPCODE -> "setAll";
            case Watch.OPCODE -> "watch";
            case Unwatch.OPCODE -> "unwatch";
            default -> "unknown";
        };
    }

    /**
     * Reads the request whose opcode and id were just read.
     * @param opcode the opcode
     * @param body the frame, positioned after the id
     * @return the request
     * @throws ProtocolException if the opcode is not a request's or a field is malformed
     */
    public static Request read(byte opcode, FrameBody body) {
        return switch (opcode) {
            case Get.OPCODE -> Get.read(body);
            case SetValue.OPCODE -> SetValue.read(body);
            case Delete.OPCODE -> Delete.read(body);
            case GetAll.OPCODE -> GetAll.read(body);
            case Keys.OPCODE -> Keys.read(body);
            case SetIfAbsent.OPCODE -> SetIfAbsent.read(body);
            case CompareAndSet.OPCODE -> CompareAndSet.read(body);
            case Increment.OPCODE -> Increment.read(body);
            case Publish.OPCODE -> Publish.read(body);
            case Subscribe.OPCODE -> Subscribe.read(body);
            case Unsubscribe.OPCODE -> Unsubscribe.read(body);
            case PatternSubscribe.OPCODE -> PatternSubscribe.read(body);
            case PatternUnsubscribe.OPCODE -> PatternUnsubscribe.read(body);
            case Ping.OPCODE -> Ping.read(body);
            case GetMany.OPCODE -> GetMany.read(body);
            case SetMany.OPCODE -> SetMany.read(body);
            case Watch.OPCODE -> Watch.read(body);
            case Unwatch.OPCODE -> Unwatch.read(body);
            default -> throw new ProtocolException(ErrorCodes.PROTOCOL_ERROR, "Unknown request opcode " + opcode);
        };
    }
}
