package io.motam.camera.recognition.lbph;

import io.motam.camera.recognition.DistanceStats;
import io.motam.camera.recognition.FaceEngine;
import java.util.List;
import java.util.Objects;
import org.bytedeco.opencv.opencv_core.Mat;
import org.jboss.logging.Logger;

/**
 * Derives the accept threshold from the enrolment samples alone.
 *
 * <p><b>Method</b> (two-fold, split in time): the samples, in capture order, are cut into a
 * first and a second half; a model trained on the first half scores every face of the second,
 * and the other way round. These held-out distances stand for "the owner, a little later".
 * Then
 * <pre>
 *   threshold = min(ceiling, max(floor, mean + k * stddev))
 * </pre>
 * Splitting in time, not odd/even, matters: neighbouring frames are near copies, and an odd/even
 * split measured a mean of 49 instead of 72 on the test footage, a threshold that refused a third
 * of the owner's later frames.
 *
 * <p>Stateless and thread-safe; each call builds and frees two temporary models.
 */
public final class ThresholdCalibrator {

    private static final Logger LOG = Logger.getLogger(ThresholdCalibrator.class);

    private final LbphSettings lbph;
    private final CalibrationSettings settings;

    /** A calibrator for models with the given LBPH parameters. */
    public ThresholdCalibrator(LbphSettings lbph, CalibrationSettings settings) {
        this.lbph = Objects.requireNonNull(lbph, "lbph");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Default LBPH parameters and calibration settings. */
    public ThresholdCalibrator() {
        this(LbphSettings.defaults(), CalibrationSettings.defaults());
    }

    /**
     * Computes the threshold for one person's enrolment.
     *
     * @param faces samples in capture order (not modified, still owned by the caller)
     * @throws IllegalArgumentException with fewer than {@link FaceEngine#MIN_SAMPLES} samples
     */
    public Calibration calibrate(List<Mat> faces) {
        Objects.requireNonNull(faces, "faces");
        if (faces.size() < FaceEngine.MIN_SAMPLES) {
            throw new IllegalArgumentException(
                    "expected at least " + FaceEngine.MIN_SAMPLES + " samples but was " + faces.size());
        }
        int half = faces.size() / 2;
        List<Mat> first = faces.subList(0, half);
        List<Mat> second = faces.subList(half, faces.size());
        double[] distances = new double[faces.size()];
        LbphSettings unbounded = lbph.withMaxSamples(Math.max(lbph.maxSamples(), faces.size()));
        try (LbphRecogniser early = new LbphRecogniser(unbounded);
                LbphRecogniser late = new LbphRecogniser(unbounded)) {
            early.train(first, 0);
            late.train(second, 0);
            int i = 0;
            for (Mat face : second) {
                distances[i++] = early.predict(face).distance();
            }
            for (Mat face : first) {
                distances[i++] = late.predict(face).distance();
            }
        }
        DistanceStats stats = DistanceStats.of(distances);
        double derived = stats.mean() + settings.k() * stats.stddev();
        double threshold = Math.min(settings.ceiling(), Math.max(settings.floor(), derived));
        if (derived > settings.ceiling()) {
            LOG.warnf(
                    "Enrolment varies widely (mean %.1f, sd %.1f): threshold capped at %.1f instead of %.1f",
                    stats.mean(), stats.stddev(), threshold, derived);
        } else {
            LOG.infof(
                    "Calibrated threshold %.1f from %d held-out distances (mean %.1f, sd %.1f, p95 %.1f, max %.1f)",
                    threshold, stats.count(), stats.mean(), stats.stddev(), stats.p95(), stats.max());
        }
        return new Calibration(threshold, derived, stats);
    }
}
