package io.sharedmemory.core.internal.client;

import java.util.function.Function;

import io.sharedmemory.core.internal.protocol.Reply;
import io.sharedmemory.core.internal.protocol.Request;

/**
 * One call of a child, built before it is sent: the request, and how its reply becomes the
 * result the caller sees. The blocking and the asynchronous store run the same commands.
 *
 * @param request what is sent to main
 * @param result turns main's reply (never an error) into the caller's result
 * @param <T> the result type
 */
record ChildCommand<T>(Request request, Function<Reply, T> result) {
}
