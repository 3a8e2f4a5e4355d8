package io.motam.camera.pipeline;

import io.motam.camera.recognition.FaceEngine;
import io.motam.camera.vision.detect.FaceBox;
import io.motam.camera.vision.detect.FaceFinder;
import io.motam.camera.vision.source.CapturedFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.jboss.logging.Logger;

/**
 * Enrolment of the subject in front of the camera, at every start: collects {@code wanted}
 * samples from frames holding exactly one face, at least {@code spacingMicros} of media time
 * apart (so they differ); frames with no face or several faces are rejected and counted. Then
 * {@link #finish} teaches the engine (merged with a restored gallery, if one was loaded) and
 * derives the threshold. Not thread-safe.
 */
public final class Enrolment implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Enrolment.class);

    private final FaceFinder finder;
    private final FaceEngine engine;
    private final int wanted;
    private final long spacingMicros;
    private final List<Mat> samples = new ArrayList<>();
    private long lastSample = Long.MIN_VALUE;
    private int noFace;
    private int severalFaces;

    public Enrolment(FaceFinder finder, FaceEngine engine, int wanted, long spacingMicros) {
        if (wanted < FaceEngine.MIN_SAMPLES) {
            throw new IllegalArgumentException(
                    "expected enrol-samples >= " + FaceEngine.MIN_SAMPLES + " but was " + wanted);
        }
        if (spacingMicros < 0) {
            throw new IllegalArgumentException("expected enrol-interval >= 0 but was " + spacingMicros + " µs");
        }
        this.finder = Objects.requireNonNull(finder, "finder");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.wanted = wanted;
        this.spacingMicros = spacingMicros;
    }

    /**
     * Looks at one frame (not kept).
     *
     * @return true once all samples are collected
     */
    public boolean offer(CapturedFrame frame) {
        if (complete()) {
            return true;
        }
        if (lastSample != Long.MIN_VALUE && frame.timestampMicros() - lastSample < spacingMicros) {
            return false;
        }
        List<FaceBox> faces = finder.detect(frame.bgr());
        if (faces.size() != 1) {
            if (faces.isEmpty()) {
                noFace++;
            } else {
                severalFaces++;
            }
            return false;
        }
        samples.add(engine.sample(frame.bgr(), faces.get(0)));
        lastSample = frame.timestampMicros();
        if (samples.size() % 10 == 0 || complete()) {
            LOG.infof(
                    "enrolment: %d of %d samples (rejected %d frames without a face, %d with several)",
                    samples.size(), wanted, noFace, severalFaces);
        }
        return complete();
    }

    public boolean complete() {
        return samples.size() >= wanted;
    }

    public int collected() {
        return samples.size();
    }

    public int wanted() {
        return wanted;
    }

    public int rejectedNoFace() {
        return noFace;
    }

    public int rejectedSeveralFaces() {
        return severalFaces;
    }

    /**
     * Teaches the engine the samples and frees them.
     *
     * @param threshold a configured threshold, or empty to calibrate from the samples
     * @return the threshold in force
     */
    public double finish(Optional<Double> threshold) {
        if (!complete()) {
            throw new IllegalStateException("expected " + wanted + " samples but was " + samples.size());
        }
        try {
            double t = threshold.orElseGet(() -> engine.calibrate(samples));
            engine.enrol(samples);
            return t;
        } finally {
            close();
        }
    }

    /** Frees collected samples. */
    @Override
    public void close() {
        samples.forEach(Mat::close);
        samples.clear();
    }
}
