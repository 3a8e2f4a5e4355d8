package io.motam.protocol.message;

import io.motam.domain.CameraMode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The camera's mode machine moved from one mode to another. */
public record ModeChanged(UUID id, Instant at, CameraMode from, CameraMode to, int alertCount, String reason)
        implements Event {
    public static final int MAX_REASON = 200;

    public ModeChanged {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        if (alertCount < 0) {
            throw new IllegalArgumentException("alertCount must be >= 0 but was " + alertCount);
        }
        if (reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("reason longer than " + MAX_REASON);
        }
    }

    @Override
    public EventKind kind() {
        return EventKind.MODE_CHANGED;
    }
}
