package io.motam.camera.tracking;

import java.util.Objects;

/**
 * Tunables of {@link PresenceMonitor}; times are media time in microseconds.
 *
 * @param zone            where the subject has to be
 * @param debounceMicros  a face-based state (PRESENT, OUT_OF_ZONE, several faces) must hold this long
 * @param unreadableAfterMicros no face this long after the subject was there: UNREADABLE
 * @param absentAfterMicros the subject not seen this long: ABSENT
 */
public record PresenceSettings(Zone zone, long debounceMicros, long unreadableAfterMicros, long absentAfterMicros) {

    public PresenceSettings {
        Objects.requireNonNull(zone, "zone");
        if (debounceMicros < 0 || unreadableAfterMicros < 0) {
            throw new IllegalArgumentException("expected debounce and unreadable-after >= 0 but were " + debounceMicros
                    + " and " + unreadableAfterMicros + " µs");
        }
        if (absentAfterMicros <= unreadableAfterMicros) {
            throw new IllegalArgumentException("expected absent-after (" + absentAfterMicros
                    + " µs) longer than unreadable-after (" + unreadableAfterMicros + " µs)");
        }
    }

    /** Whole frame, 1 s debounce, unreadable after 3 s, absent after 10 s. */
    public static PresenceSettings defaults() {
        return new PresenceSettings(Zone.WHOLE_FRAME, 1_000_000, 3_000_000, 10_000_000);
    }
}
