package io.sharedmemory.core.internal.server;

import io.sharedmemory.core.internal.protocol.Message;
import io.sharedmemory.core.internal.protocol.PatternMessage;
import io.sharedmemory.core.internal.wire.FrameEncoder;

/**
 * One published message on its way to subscribers. Its {@code MESSAGE} frame is built once
 * and shared by every connection that subscribed to the channel.
 */
final class PublishedMessage {

    private final String channel;

    private final byte[] payload;

    private byte[] messageFrame;

    PublishedMessage(String channel, byte[] payload) {
        this.channel = channel;
        this.payload = payload;
    }

    String channel() {
        return this.channel;
    }

    /** The encoded message; shared, never modified. */
    byte[] payload() {
        return this.payload;
    }

    /** Built lazily; routing of one message happens on one thread. */
    byte[] messageFrame() {
        if (this.messageFrame == null) {
            FrameEncoder encoder = new FrameEncoder(this.channel.length() + this.payload.length + 16);
            new Message(this.channel, this.payload).write(encoder);
            this.messageFrame = encoder.toByteArray();
        }
        return this.messageFrame;
    }

    byte[] patternMessageFrame(String pattern) {
        FrameEncoder encoder = new FrameEncoder(pattern.length() + this.channel.length() + this.payload.length + 20);
        new PatternMessage(pattern, this.channel, this.payload).write(encoder);
        return encoder.toByteArray();
    }
}
