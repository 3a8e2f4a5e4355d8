package io.motam.camera.recognition.lbph;

import io.motam.camera.recognition.DistanceStats;

/**
 * Result of {@link ThresholdCalibrator#calibrate}.
 *
 * @param threshold accept a face when its LBPH distance is at most this
 * @param derived   {@code mean + k * stddev} before the floor and ceiling were applied
 * @param stats     the held-out distances it was derived from
 */
public record Calibration(double threshold, double derived, DistanceStats stats) {

    /** True when the floor or the ceiling replaced the derived value. */
    public boolean clamped() {
        return threshold != derived;
    }
}
