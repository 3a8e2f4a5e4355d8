package io.motam.camera.recognition;

import io.motam.camera.vision.detect.FaceBox;
import io.motam.domain.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Judges one face against the enrolled subject and learns from the clear cases.
 *
 * <p>A face is KNOWN when its distance is at most the threshold. A KNOWN face whose distance is
 * also at most {@code reinforceMargin x threshold} is kept for learning; every
 * {@code reinforceEvery} such faces are added to the model in one incremental update (no retrain)
 * and the model is handed to the {@link ModelBackup}. Faces near the threshold never teach the
 * model, so a stranger who once slipped under it cannot pull the model towards himself.
 * Not thread-safe: the vision thread owns it.
 */
public final class Recogniser implements AutoCloseable {
    private final FaceEngine engine;
    private final double threshold;
    private final int reinforceEvery;
    private final double reinforceMargin;
    private final ModelBackup backup;
    private final List<Mat> pending = new ArrayList<>();
    private int learnt;

    /**
     * @param engine          the enrolled engine (not closed by this object)
     * @param reinforceEvery  faces per update, >= 1
     * @param reinforceMargin fraction of the threshold under which a known face teaches, in (0, 1]
     */
    public Recogniser(
            FaceEngine engine, double threshold, int reinforceEvery, double reinforceMargin, ModelBackup backup) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.backup = Objects.requireNonNull(backup, "backup");
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("expected a positive finite threshold but was " + threshold);
        }
        if (reinforceEvery < 1) {
            throw new IllegalArgumentException("expected reinforce-every >= 1 but was " + reinforceEvery);
        }
        if (!(reinforceMargin > 0 && reinforceMargin <= 1)) {
            throw new IllegalArgumentException("expected reinforce-margin in (0, 1] but was " + reinforceMargin);
        }
        this.threshold = threshold;
        this.reinforceEvery = reinforceEvery;
        this.reinforceMargin = reinforceMargin;
    }

    /** Judges the single face {@code box} of {@code frame}. */
    public Sighting identify(Mat frame, FaceBox box) {
        Mat sample = engine.sample(frame, box);
        boolean kept = false;
        try {
            double d = engine.distance(sample);
            boolean known = d <= threshold;
            if (known && d <= reinforceMargin * threshold) {
                pending.add(sample);
                kept = true;
                if (pending.size() >= reinforceEvery) {
                    learn();
                }
            }
            return new Sighting(known ? Verdict.KNOWN : Verdict.UNKNOWN, d, threshold, 1);
        } finally {
            if (!kept) {
                sample.close();
            }
        }
    }

    public double threshold() {
        return threshold;
    }

    public FaceEngine engine() {
        return engine;
    }

    /** Faces added to the model since enrolment. */
    public int learnt() {
        return learnt;
    }

    /** Drops faces waiting to be learnt. */
    @Override
    public void close() {
        pending.forEach(Mat::close);
        pending.clear();
    }

    private void learn() {
        try {
            engine.reinforce(pending);
            learnt += pending.size();
        } finally {
            pending.forEach(Mat::close);
            pending.clear();
        }
        backup.changed(engine);
    }
}
