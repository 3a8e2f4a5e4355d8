package io.motam.camera.recognition.lbph;

/**
 * Tunables of {@link ThresholdCalibrator}: {@code threshold = clamp(mean + k * stddev, floor, ceiling)}
 * over the held-out enrolment distances.
 *
 * <p>Defaults suit {@link FaceSampleSettings#defaults()} with {@link LbphSettings#defaults()}
 * (other settings change the scale of distances, so re-measure). On the test footage, with these
 * defaults, the owner's held-out distances had mean ≈ 72 and sd ≈ 12, the owner 60 to 200 s later
 * had median ≈ 73 and maximum ≈ 136, and a stranger never came closer than ≈ 137.
 *
 * @param k       standard deviations above the mean; 3.5 to 5 all kept strangers out on the footage
 * @param floor   lowest threshold, for a very still enrolment whose spread says little
 * @param ceiling highest threshold, so that a varied (or polluted) enrolment cannot open the door wide
 */
public record CalibrationSettings(double k, double floor, double ceiling) {

    public static final double DEFAULT_K = 4.0;
    public static final double DEFAULT_FLOOR = 90.0;
    public static final double DEFAULT_CEILING = 130.0;

    public CalibrationSettings {
        if (!(k >= 0) || Double.isInfinite(k)) {
            throw new IllegalArgumentException("expected k >= 0 but was " + k);
        }
        if (!(floor >= 0) || !(ceiling >= floor) || Double.isInfinite(ceiling)) {
            throw new IllegalArgumentException(
                    "expected 0 <= floor <= ceiling (finite) but was " + floor + ", " + ceiling);
        }
    }

    /** k = 4, floor 90, ceiling 130. */
    public static CalibrationSettings defaults() {
        return new CalibrationSettings(DEFAULT_K, DEFAULT_FLOOR, DEFAULT_CEILING);
    }
}
