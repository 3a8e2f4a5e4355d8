package io.motam.camera.recognition.lbph;

import static org.bytedeco.opencv.global.opencv_core.CV_32SC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import io.motam.camera.vision.VisionModelException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_face.LBPHFaceRecognizer;
import org.jboss.logging.Logger;

/**
 * A bounded LBPH face model over OpenCV's {@link LBPHFaceRecognizer}.
 *
 * <p>Samples are {@link FaceSampler} outputs: CV_8UC1, all of one size. {@link #update} adds
 * samples without recomputing the old ones.
 *
 * <p><b>Bound:</b> the model keeps at most {@link LbphSettings#maxSamples()} samples. When a
 * load goes beyond, the oldest samples are dropped so that the newest {@code maxSamples} remain;
 * when an update goes beyond, a quarter of the bound more is dropped at once (the model then
 * equals one trained on the newest {@code maxSamples - maxSamples/4} faces), so that the rebuild
 * stays rare. Labels do not matter. Samples marked with
 * {@link #pinNewest} (the enrolment) are dropped only after every unpinned one, so continuous
 * learning never pushes the enrolment out. The dropping rebuilds the model
 * from its stored histograms (about 0.7 s for 200 samples on a desktop x86 core), not from faces, so no face image is
 * ever kept; it is meant to be rare: add samples in batches rather than one by one once full.
 *
 * <p><b>Threads:</b> every method is {@code synchronized}, so the instance may be shared;
 * concurrent predictions simply run one after the other.
 */
public final class LbphRecogniser implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LbphRecogniser.class);
    /** Decompressed-size floor for model files; the real limit grows with {@code maxSamples}. */
    private static final long MIN_MODEL_TEXT_LIMIT = 16L << 20;

    private final LbphSettings settings;
    private LBPHFaceRecognizer model;
    private int samples;
    private BitSet pinned = new BitSet();
    private int sampleCols;
    private int sampleRows;
    private boolean closed;

    /** An empty model. */
    public LbphRecogniser(LbphSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.model = newModel();
    }

    /** An empty model with {@link LbphSettings#defaults()}. */
    public LbphRecogniser() {
        this(LbphSettings.defaults());
    }

    /**
     * Replaces the whole model by these samples, all with one label. Beyond {@code maxSamples}
     * only the last ones of the list are used.
     */
    public synchronized void train(List<Mat> faces, int label) {
        requireOpen();
        checkBatch(faces, label, false);
        List<Mat> newest = faces.subList(Math.max(0, faces.size() - settings.maxSamples()), faces.size());
        LBPHFaceRecognizer fresh = newModel();
        try (MatVector images = new MatVector(newest.toArray(new Mat[0]));
                Scalar value = new Scalar(label);
                Mat labels = new Mat(newest.size(), 1, CV_32SC1, value)) {
            fresh.train(images, labels);
        } catch (RuntimeException e) {
            fresh.close();
            throw e;
        }
        model.close();
        model = fresh;
        samples = newest.size();
        pinned = new BitSet();
        sampleCols = newest.get(0).cols();
        sampleRows = newest.get(0).rows();
        LOG.debugf("LBPH model trained on %d samples of label %d", samples, label);
    }

    /**
     * Adds samples with one label to the model (incremental: existing samples are not
     * recomputed), then drops the oldest beyond {@code maxSamples}. On an empty model this is
     * {@link #train}.
     */
    public synchronized void update(List<Mat> faces, int label) {
        requireOpen();
        if (samples == 0) {
            train(faces, label);
            return;
        }
        checkBatch(faces, label, true);
        try (MatVector images = new MatVector(faces.toArray(new Mat[0]));
                Scalar value = new Scalar(label);
                Mat labels = new Mat(faces.size(), 1, CV_32SC1, value)) {
            model.update(images, labels);
        }
        samples += faces.size();
        enforceBound(settings.maxSamples() / 4);
    }

    /**
     * Finds the nearest sample to a face.
     *
     * @throws IllegalStateException    if the model holds no sample
     * @throws IllegalArgumentException if the face is not a CV_8UC1 image of the samples' size
     */
    public synchronized Prediction predict(Mat face) {
        requireOpen();
        if (samples == 0) {
            throw new IllegalStateException("expected a trained model but it holds no sample");
        }
        checkFace(face, true);
        int[] label = new int[1];
        double[] distance = new double[1];
        model.predict(face, label, distance);
        return new Prediction(label[0], distance[0]);
    }

    /**
     * Protects the newest {@code n} samples (e.g. the enrolment just added) from being dropped
     * while unpinned samples remain.
     */
    public synchronized void pinNewest(int n) {
        requireOpen();
        if (n < 0 || n > samples) {
            throw new IllegalArgumentException("expected 0.." + samples + " samples to pin but was " + n);
        }
        pinned.set(samples - n, samples);
    }

    /** Number of pinned samples. */
    public synchronized int pinnedCount() {
        return pinned.cardinality();
    }

    /** Number of samples in the model, at most {@code maxSamples}. */
    public synchronized int sampleCount() {
        return samples;
    }

    /** The settings in use. */
    public LbphSettings settings() {
        return settings;
    }

    /**
     * Writes the model atomically (temp file in the same folder, then rename); the file is
     * owner-only, as it is biometric data.
     *
     * @throws IllegalStateException if the model holds no sample
     */
    public synchronized void save(Path file) throws IOException {
        requireOpen();
        if (samples == 0) {
            throw new IllegalStateException("expected a trained model but it holds no sample");
        }
        LbphModelCodec.save(model, sampleCols, sampleRows, file);
        LOG.infof("Saved LBPH model (%d samples) to %s", samples, file);
    }

    /**
     * Replaces this model by one saved with {@link #save}. A file holding more than
     * {@code maxSamples} samples is cut to the newest ones.
     *
     * @throws VisionModelException if the file is missing, malformed, or was made with other LBP
     *                              parameters than these settings
     */
    public synchronized void load(Path file) throws IOException {
        requireOpen();
        long limit = Math.max(MIN_MODEL_TEXT_LIMIT, 2 * settings.maxSamples() * settings.bytesPerSample());
        LbphModelCodec.Loaded loaded = LbphModelCodec.load(file, limit);
        LBPHFaceRecognizer read = loaded.model();
        if (read.getRadius() != settings.radius()
                || read.getNeighbors() != settings.neighbors()
                || read.getGridX() != settings.gridX()
                || read.getGridY() != settings.gridY()) {
            String found = "radius " + read.getRadius() + ", neighbors " + read.getNeighbors() + ", grid "
                    + read.getGridX() + "x" + read.getGridY();
            read.close();
            throw new VisionModelException(
                    "expected a model with " + describe(settings) + " but " + file + " has " + found);
        }
        int count;
        try (Mat labels = read.getLabels()) {
            count = labels.rows();
        }
        model.close();
        model = read;
        samples = count;
        pinned = new BitSet();
        sampleCols = loaded.sampleCols();
        sampleRows = loaded.sampleRows();
        enforceBound(0);
        LOG.infof("Loaded LBPH model (%d samples of %dx%d) from %s", samples, sampleCols, sampleRows, file);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            model.close();
        }
    }

    private void enforceBound(int slack) {
        if (samples <= settings.maxSamples()) {
            return;
        }
        int excess = Math.min(samples - settings.maxSamples() + slack, samples - 1);
        BitSet drop = new BitSet(samples);
        for (int i = 0; i < samples && drop.cardinality() < excess; i++) {
            if (!pinned.get(i)) {
                drop.set(i);
            }
        }
        for (int i = 0; i < samples && drop.cardinality() < excess; i++) {
            drop.set(i); // only pinned ones left: the oldest of them go
        }
        int[] keep = new int[samples - excess];
        BitSet keptPinned = new BitSet();
        for (int i = 0, k = 0; i < samples; i++) {
            if (!drop.get(i)) {
                if (pinned.get(i)) {
                    keptPinned.set(k);
                }
                keep[k++] = i;
            }
        }
        LBPHFaceRecognizer trimmed = LbphModelCodec.keepIndices(model, keep, sampleCols, sampleRows);
        LOG.infof(
                "LBPH model over its bound of %d: dropped the oldest %d of %d samples (unpinned first)",
                settings.maxSamples(), excess, samples);
        model.close();
        model = trimmed;
        samples = keep.length;
        pinned = keptPinned;
    }

    private LBPHFaceRecognizer newModel() {
        return LBPHFaceRecognizer.create(
                settings.radius(), settings.neighbors(), settings.gridX(), settings.gridY(), Double.MAX_VALUE);
    }

    private void checkBatch(List<Mat> faces, int label, boolean matchModel) {
        Objects.requireNonNull(faces, "faces");
        if (faces.isEmpty()) {
            throw new IllegalArgumentException("expected at least one face sample but was none");
        }
        if (label < 0) {
            throw new IllegalArgumentException("expected a label >= 0 but was " + label);
        }
        Mat first = faces.get(0);
        checkFace(first, matchModel);
        for (Mat face : faces) {
            checkFace(face, false);
            if (face.cols() != first.cols() || face.rows() != first.rows()) {
                throw new IllegalArgumentException("expected samples of " + first.cols() + "x" + first.rows()
                        + " but one was " + face.cols() + "x" + face.rows());
            }
        }
    }

    private void checkFace(Mat face, boolean matchModel) {
        if (face == null || face.isNull() || face.empty()) {
            throw new IllegalArgumentException("expected a face sample but was empty");
        }
        if (face.type() != CV_8UC1) {
            throw new IllegalArgumentException("expected a CV_8UC1 sample but was type " + face.type());
        }
        if (matchModel && (face.cols() != sampleCols || face.rows() != sampleRows)) {
            throw new IllegalArgumentException("expected a " + sampleCols + "x" + sampleRows + " sample but was "
                    + face.cols() + "x" + face.rows());
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("expected an open recogniser but it is closed");
        }
    }

    private static String describe(LbphSettings s) {
        return "radius " + s.radius() + ", neighbors " + s.neighbors() + ", grid " + s.gridX() + "x" + s.gridY();
    }
}
