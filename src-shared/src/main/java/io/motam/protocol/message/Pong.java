package io.motam.protocol.message;

import io.motam.protocol.frame.FrameType;

/** Keepalive answer. */
public record Pong(long nonce) implements Message {
    @Override
    public FrameType frameType() {
        return FrameType.PONG;
    }
}
