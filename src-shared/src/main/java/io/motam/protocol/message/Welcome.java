package io.motam.protocol.message;

import io.motam.domain.SystemState;
import io.motam.protocol.frame.FrameType;
import java.util.Objects;

/**
 * Gateway to camera, answer to {@link Hello}: the chosen protocol version, the system state the
 * camera must follow, and the highest event sequence number already durable on the gateway
 * (the camera drops its outbox up to it and resends the rest).
 */
public record Welcome(int version, SystemState systemState, long lastAcked) implements Message {
    public Welcome {
        Objects.requireNonNull(systemState, "systemState");
        if (version < 1 || version > 255 || lastAcked < 0) {
            throw new IllegalArgumentException("bad welcome: version=" + version + " lastAcked=" + lastAcked);
        }
    }

    @Override
    public FrameType frameType() {
        return FrameType.WELCOME;
    }
}
