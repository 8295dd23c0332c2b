package io.sharedmemory.core.internal.wire;

/** The first byte of every frame body; see docs/PROTOCOL.md. */
public final class Opcodes {

    /** Client's handshake. */
    public static final byte HELLO = 0x01;
    /** Main's handshake answer. */
    public static final byte WELCOME = 0x02;
    /** A connection-level error; the sender closes right after. */
    public static final byte FATAL = 0x7F;

    /** Reads a value. */
    public static final byte GET = 0x10;
    /** Stores a value. */
    public static final byte SET = 0x11;
    /** Removes a key. */
    public static final byte DELETE = 0x12;
    /** Copies every entry. */
    public static final byte GET_ALL = 0x13;
    /** Lists matching keys. */
    public static final byte KEYS = 0x14;
    /** Stores if absent. */
    public static final byte SET_IF_ABSENT = 0x15;
    /** Replaces if equal. */
    public static final byte COMPARE_AND_SET = 0x16;
    /** Adds to an integer. */
    public static final byte INCREMENT = 0x17;
    /** Publishes a message. */
    public static final byte PUBLISH = 0x18;
    /** Subscribes to a channel. */
    public static final byte SUBSCRIBE = 0x19;
    /** Unsubscribes from a channel. */
    public static final byte UNSUBSCRIBE = 0x1A;
    /** Subscribes to a pattern. */
    public static final byte PSUBSCRIBE = 0x1B;
    /** Unsubscribes from a pattern. */
    public static final byte PUNSUBSCRIBE = 0x1C;
    /** Checks liveness. */
    public static final byte PING = 0x1D;
    /** Reads many keys as one snapshot. */
    public static final byte GET_MANY = 0x1E;
    /** Stores many entries atomically. */
    public static final byte SET_MANY = 0x1F;
    /** Watches the keys matching a glob. */
    public static final byte WATCH = 0x20;
    /** Stops watching a glob. */
    public static final byte UNWATCH = 0x21;

    /** Reply without data. */
    public static final byte OK = 0x40;
    /** Reply with an optional value. */
    public static final byte VALUE = 0x41;
    /** Reply with a boolean. */
    public static final byte BOOLEAN = 0x42;
    /** Reply with a long. */
    public static final byte LONG = 0x43;
    /** Reply with entries. */
    public static final byte ENTRIES = 0x44;
    /** Reply with keys. */
    public static final byte KEY_LIST = 0x45;
    /** A part of a reply with entries; more frames follow for the same request. */
    public static final byte ENTRIES_PART = 0x46;
    /** A part of a reply with keys; more frames follow for the same request. */
    public static final byte KEYS_PART = 0x47;
    /** Reply with an error. */
    public static final byte ERROR = 0x4F;

    /** Pushed message for a channel subscription. */
    public static final byte MESSAGE = 0x60;
    /** Pushed message for a pattern subscription. */
    public static final byte PMESSAGE = 0x61;
    /** Pushed change of a watched key. */
    public static final byte KEY_EVENT = 0x62;

    private Opcodes() {
    }
}
