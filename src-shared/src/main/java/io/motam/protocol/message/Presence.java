package io.motam.protocol.message;

import io.motam.domain.PresenceState;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A tracking event: the subject appeared, left, stepped out of its zone, or cannot be read.
 * {@code trackId} is the tracker's id of the face track (0 when there is none), {@code faces}
 * how many faces the frame held, {@code detail} a short operator-facing note.
 */
public record Presence(UUID id, Instant at, PresenceState state, long trackId, int faces, String detail)
        implements Event {
    public static final int MAX_DETAIL = 200;

    public Presence {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
        if (trackId < 0 || faces < 0 || faces > 255 || detail.length() > MAX_DETAIL) {
            throw new IllegalArgumentException("bad presence event: track=" + trackId + " faces=" + faces);
        }
    }

    @Override
    public EventKind kind() {
        return EventKind.PRESENCE;
    }
}
