package io.sharedmemory.core.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import io.sharedmemory.core.SharedMemoryUnavailableException;
import io.sharedmemory.core.wire.Opcodes;

/**
 * One request in flight and, once main answers, its reply. The reader thread fills the
 * reply and wakes the caller; the caller spins briefly first when it is the only one waiting,
 * because a round trip on one machine is often shorter than a thread wake-up.
 */
final class PendingCall {

    private final int id;

    private final Thread waiter;

    private volatile boolean done;

    private byte opcode;

    private byte[] value;

    private long number;

    private Object collection;

    private int errorCode;

    private String errorMessage;

    private Throwable failure;

    PendingCall(int id) {
        this.id = id;
        this.waiter = Thread.currentThread();
    }

    int id() {
        return this.id;
    }

    boolean isDone() {
        return this.done;
    }

    void completeValue(byte opcode, byte[] value, long number, Object collection) {
        this.opcode = opcode;
        this.value = value;
        this.number = number;
        this.collection = collection;
        wake();
    }

    void completeError(int code, String message) {
        this.opcode = Opcodes.ERROR;
        this.errorCode = code;
        this.errorMessage = message;
        wake();
    }

    void fail(Throwable cause) {
        this.failure = cause;
        wake();
    }

    private void wake() {
        // The volatile write publishes the plain fields written before it.
        this.done = true;
        LockSupport.unpark(this.waiter);
    }

    /**
     * Waits for the reply.
     * @return {@code true} if it came, {@code false} on timeout
     */
    boolean await(long timeoutNanos, long spinNanos) {
        long start = System.nanoTime();
        if (spinNanos > 0) {
            while (!this.done && System.nanoTime() - start < spinNanos) {
                Thread.onSpinWait();
            }
        }
        while (!this.done) {
            long left = timeoutNanos - (System.nanoTime() - start);
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(this, left);
        }
        if (this.failure != null) {
            throw new SharedMemoryUnavailableException("Lost the connection to main: " + this.failure.getMessage(),
                    this.failure);
        }
        return true;
    }

    byte opcode() {
        return this.opcode;
    }

    byte[] value() {
        return this.value;
    }

    long number() {
        return this.number;
    }

    @SuppressWarnings("unchecked")
    Map<String, byte[]> entries() {
        return (Map<String, byte[]>) this.collection;
    }

    @SuppressWarnings("unchecked")
    List<String> keys() {
        return (List<String>) this.collection;
    }

    int errorCode() {
        return this.errorCode;
    }

    String errorMessage() {
        return this.errorMessage;
    }
}
