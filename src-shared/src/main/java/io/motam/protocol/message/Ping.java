package io.motam.protocol.message;

import io.motam.protocol.frame.FrameType;

/** Keepalive probe; the peer answers with a {@link Pong} carrying the same nonce. */
public record Ping(long nonce) implements Message {
    @Override
    public FrameType frameType() {
        return FrameType.PING;
    }
}
