package io.motam.protocol.message;

import io.motam.domain.Verdict;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One recognition decision: the verdict, the recogniser's distance (NaN when no single face
 * was measured), the threshold in force, and how many faces the frame held.
 */
public record Recognition(UUID id, Instant at, Verdict verdict, double distance, double threshold, int faces)
        implements Event {
    public Recognition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(verdict, "verdict");
        if (faces < 0 || faces > 255) {
            throw new IllegalArgumentException("faces must be within 0..255 but was " + faces);
        }
    }

    @Override
    public EventKind kind() {
        return EventKind.RECOGNITION;
    }
}
