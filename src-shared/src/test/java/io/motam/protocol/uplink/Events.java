package io.motam.protocol.uplink;

import io.motam.domain.CameraMode;
import io.motam.domain.Verdict;
import io.motam.protocol.message.Event;
import io.motam.protocol.message.ModeChanged;
import io.motam.protocol.message.Recognition;
import java.time.Instant;
import java.util.UUID;

/** Events for tests, told apart by their number. */
public final class Events {
    private Events() {}

    public static Event numbered(int i) {
        return i % 10 == 0
                ? new ModeChanged(
                        new UUID(7, i),
                        Instant.ofEpochMilli(1_700_000_000_000L + i),
                        CameraMode.NORMAL,
                        CameraMode.ALERT,
                        i % 12,
                        "test " + i)
                : new Recognition(
                        new UUID(7, i), Instant.ofEpochMilli(1_700_000_000_000L + i), Verdict.KNOWN, i, 60, 1);
    }

    /** The number an event of {@link #numbered} carries. */
    static int numberOf(Event e) {
        return (int) e.id().getLeastSignificantBits();
    }
}
