package io.motam.protocol.message;

import io.motam.protocol.frame.FrameType;

/** Gateway to camera: every event up to and including {@code sequence} is durable. Cumulative. */
public record Ack(long sequence) implements Message {
    public Ack {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0 but was " + sequence);
        }
    }

    @Override
    public FrameType frameType() {
        return FrameType.ACK;
    }
}
