package io.motam.camera.pipeline;

/**
 * Check pacing of {@link Watch}, in media time.
 *
 * @param checkIntervalMicros      between checks in NORMAL
 * @param alertCheckIntervalMicros between checks in ALERT, and while a verdict awaits agreement
 * @param checkNewTracks           in NORMAL, check a new face track at once
 */
public record WatchSettings(long checkIntervalMicros, long alertCheckIntervalMicros, boolean checkNewTracks) {
    public WatchSettings {
        if (checkIntervalMicros < 0 || alertCheckIntervalMicros < 0) {
            throw new IllegalArgumentException("expected check intervals >= 0 but were " + checkIntervalMicros + " and "
                    + alertCheckIntervalMicros + " µs");
        }
    }

    /** As the original: 9 s, 3 s; new tracks checked at once. */
    public static WatchSettings defaults() {
        return new WatchSettings(9_000_000, 3_000_000, true);
    }
}
