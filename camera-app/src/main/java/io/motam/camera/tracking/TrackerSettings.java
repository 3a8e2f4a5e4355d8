package io.motam.camera.tracking;

/**
 * How {@link FaceTracker} associates faces with tracks.
 *
 * @param minIou        a face continues a track when their boxes overlap at least this much (IoU)
 * @param maxShift      otherwise, when its centre moved at most this many box widths
 * @param maxMissedMicros a track not seen for longer than this (media time) has ended
 */
public record TrackerSettings(double minIou, double maxShift, long maxMissedMicros) {

    public static final double DEFAULT_MIN_IOU = 0.3;
    public static final double DEFAULT_MAX_SHIFT = 0.5;
    public static final long DEFAULT_MAX_MISSED_MICROS = 1_000_000;

    public TrackerSettings {
        if (!(minIou > 0 && minIou <= 1)) {
            throw new IllegalArgumentException("expected minIou in (0, 1] but was " + minIou);
        }
        if (!(maxShift >= 0) || Double.isInfinite(maxShift)) {
            throw new IllegalArgumentException("expected maxShift >= 0 but was " + maxShift);
        }
        if (maxMissedMicros < 0) {
            throw new IllegalArgumentException("expected maxMissedMicros >= 0 but was " + maxMissedMicros);
        }
    }

    public static TrackerSettings defaults() {
        return new TrackerSettings(DEFAULT_MIN_IOU, DEFAULT_MAX_SHIFT, DEFAULT_MAX_MISSED_MICROS);
    }
}
