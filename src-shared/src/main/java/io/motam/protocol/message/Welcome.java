package io.motam.protocol.message;

import io.motam.domain.SystemState;
import io.motam.protocol.frame.FrameType;
import java.util.Objects;

/**
 * Gateway to camera, answer to {@link Hello}: the chosen protocol version, the system state the
 * camera must follow, the highest event sequence number already durable on the gateway (the
 * camera drops its outbox up to it and resends the rest) and, from protocol version 4, the
 * camera's release epoch: how many releases the gateway has authorised for this camera. A
 * camera leaves BLOCKED only for an epoch above the one it knew when it blocked.
 */
public record Welcome(int version, SystemState systemState, long lastAcked, long releaseEpoch) implements Message {
    public Welcome {
        Objects.requireNonNull(systemState, "systemState");
        if (version < 1 || version > 255 || lastAcked < 0 || releaseEpoch < 0) {
            throw new IllegalArgumentException(
                    "bad welcome: version=" + version + " lastAcked=" + lastAcked + " releaseEpoch=" + releaseEpoch);
        }
    }

    /** A welcome of a version without release epochs. */
    public Welcome(int version, SystemState systemState, long lastAcked) {
        this(version, systemState, lastAcked, 0);
    }

    @Override
    public FrameType frameType() {
        return FrameType.WELCOME;
    }
}
