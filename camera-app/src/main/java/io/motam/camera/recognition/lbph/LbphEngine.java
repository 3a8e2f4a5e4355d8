package io.motam.camera.recognition.lbph;

import io.motam.camera.recognition.FaceEngine;
import io.motam.camera.vision.detect.FaceBox;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The default engine: {@link FaceSampler} crops (80x80, CLAHE) and a bounded
 * {@link LbphRecogniser}; the threshold comes from {@link ThresholdCalibrator}.
 */
public final class LbphEngine implements FaceEngine {
    static final int SUBJECT = 1;

    private final FaceSampler sampler = new FaceSampler();
    private final LbphRecogniser model;
    private final ThresholdCalibrator calibrator;
    private boolean restored;

    public LbphEngine(LbphSettings lbph, CalibrationSettings calibration) {
        this.model = new LbphRecogniser(lbph);
        this.calibrator = new ThresholdCalibrator(lbph, calibration);
    }

    @Override
    public Mat sample(Mat frame, FaceBox box) {
        return sampler.sample(frame, box);
    }

    @Override
    public void enrol(List<Mat> samples) {
        if (restored && model.sampleCount() > 0) {
            model.update(samples, SUBJECT);
        } else {
            model.train(samples, SUBJECT);
        }
        model.pinNewest(Math.min(samples.size(), model.sampleCount()));
    }

    @Override
    public void reinforce(List<Mat> samples) {
        model.update(samples, SUBJECT);
    }

    @Override
    public double distance(Mat sample) {
        Prediction p = model.predict(sample);
        return p.label() == SUBJECT ? p.distance() : Double.POSITIVE_INFINITY;
    }

    @Override
    public double calibrate(List<Mat> samples) {
        return calibrator.calibrate(samples).threshold();
    }

    @Override
    public void restore(Path file) throws IOException {
        model.load(file);
        restored = true;
    }

    @Override
    public void save(Path file) throws IOException {
        model.save(file);
    }

    @Override
    public String fileName() {
        return "lbph-model.yml.gz";
    }

    @Override
    public int size() {
        return model.sampleCount();
    }

    /** Samples protected from eviction (the enrolment). */
    public int pinned() {
        return model.pinnedCount();
    }

    @Override
    public String describe() {
        return "LBPH (" + model.sampleCount() + " samples, at most "
                + model.settings().maxSamples() + ")";
    }

    @Override
    public void close() {
        model.close();
        sampler.close();
    }
}
