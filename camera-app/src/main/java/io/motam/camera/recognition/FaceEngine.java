package io.motam.camera.recognition;

import io.motam.camera.recognition.embedding.EmbeddingEngine;
import io.motam.camera.recognition.lbph.LbphEngine;
import io.motam.camera.vision.detect.FaceBox;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A face model of one subject: {@link EmbeddingEngine} (the default: landmarks, alignment, deep
 * face vectors) or {@link LbphEngine} (cascade boxes, LBPH histograms). Samples are engine-specific
 * {@code Mat}s owned by the caller. Not thread-safe: the vision thread owns it.
 */
public interface FaceEngine extends AutoCloseable {

    /** Fewest enrolment samples: both engines calibrate on two halves split in time, two samples each. */
    int MIN_SAMPLES = 4;

    /** The sample of one face found in {@code frame}; a new Mat owned by the caller. */
    Mat sample(Mat frame, FaceBox box);

    /**
     * Learns the enrolment: replaces the model by these samples unless a restored gallery was
     * loaded, in which case they are added to it. The enrolment is pinned (kept before anything
     * learnt later).
     */
    void enrol(List<Mat> samples);

    /** Adds known faces incrementally (no retrain); the model stays within its bound. */
    void reinforce(List<Mat> samples);

    /** Distance of a sample to the subject: lower is more alike. */
    double distance(Mat sample);

    /** The accept threshold derived from the enrolment samples alone (see docs/camera.md). */
    double calibrate(List<Mat> samples);

    /** Loads a saved model (a gallery restored from the gateway) to merge with the next enrolment. */
    void restore(Path file) throws IOException;

    /** Writes the model atomically, owner-only. */
    void save(Path file) throws IOException;

    /** File name the model is saved under in the data folder. */
    String fileName();

    /** Samples held. */
    int size();

    /** Short name for logs. */
    String describe();

    @Override
    void close();
}
