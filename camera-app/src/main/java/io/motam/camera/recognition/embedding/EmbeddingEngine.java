package io.motam.camera.recognition.embedding;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;

import io.motam.camera.recognition.DistanceStats;
import io.motam.camera.recognition.FaceEngine;
import io.motam.camera.vision.VisionModelException;
import io.motam.camera.vision.detect.FaceBox;
import io.motam.storage.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bytedeco.opencv.opencv_core.Mat;
import org.jboss.logging.Logger;

/**
 * The default engine: a face becomes a 512-float unit vector ({@link FaceEmbedder}: landmarks,
 * five-point alignment, deep embedding); the subject is a gallery of at most {@code maxSamples}
 * vectors and a face's distance is {@code 1 - best cosine} to the gallery (0 = identical,
 * 1 = unrelated, 2 = opposite). The enrolment is pinned; beyond the bound the oldest unpinned
 * vectors go first. The threshold is calibrated from held-out enrolment distances
 * ({@link EmbeddingCalibration}).
 *
 * <p>Gallery file ({@link #save}): {@code "MOTAMEM1"}, the feature model's SHA-256 (64 ASCII hex
 * digits), u32 count, u32 dimension, then count x (u8 pinned, dimension x float32), big-endian. A
 * gallery made by another model is refused.
 */
public final class EmbeddingEngine implements FaceEngine {
    private static final Logger LOG = Logger.getLogger(EmbeddingEngine.class);
    private static final byte[] MAGIC = "MOTAMEM1".getBytes(StandardCharsets.US_ASCII);
    static final int MAX_ENTRIES = 10_000;

    private record Entry(float[] vector, boolean pinned) {}

    private final FaceEmbedder embedder;
    private final String modelId;
    private final int maxSamples;
    private final EmbeddingCalibration calibration;
    private final List<Entry> gallery = new ArrayList<>();
    private boolean restored;

    /**
     * Takes ownership of {@code embedder}.
     *
     * @param modelId SHA-256 of the feature model (64 hex digits), written into saved galleries
     */
    public EmbeddingEngine(FaceEmbedder embedder, String modelId, int maxSamples, EmbeddingCalibration calibration) {
        if (maxSamples < 1) {
            throw new IllegalArgumentException("expected max-samples >= 1 but was " + maxSamples);
        }
        if (modelId.length() != 64 || !modelId.chars().allMatch(c -> c < 128)) {
            throw new IllegalArgumentException("expected a 64-digit model id but was \"" + modelId + "\"");
        }
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.modelId = modelId;
        this.maxSamples = maxSamples;
        this.calibration = Objects.requireNonNull(calibration, "calibration");
    }

    @Override
    public Mat sample(Mat frame, FaceBox box) {
        return embedder.embed(frame, box);
    }

    @Override
    public void enrol(List<Mat> samples) {
        if (!restored) {
            gallery.clear();
        }
        samples.forEach(s -> gallery.add(new Entry(toArray(s), true)));
        trim();
    }

    @Override
    public void reinforce(List<Mat> samples) {
        samples.forEach(s -> gallery.add(new Entry(toArray(s), false)));
        trim();
    }

    @Override
    public double distance(Mat sample) {
        if (gallery.isEmpty()) {
            throw new IllegalStateException("expected an enrolled gallery but it is empty");
        }
        float[] v = toArray(sample);
        double best = -1;
        for (Entry e : gallery) {
            best = Math.max(best, FaceEmbedder.cosine(e.vector(), v));
        }
        return 1 - best;
    }

    /**
     * Two-fold, split in time like {@link ThresholdCalibrator}: each half's vectors are scored
     * against the other half's; {@code clamp(mean + k * sd, floor, ceiling)} of those distances.
     */
    @Override
    public double calibrate(List<Mat> samples) {
        if (samples.size() < FaceEngine.MIN_SAMPLES) {
            throw new IllegalArgumentException(
                    "expected at least " + FaceEngine.MIN_SAMPLES + " samples but was " + samples.size());
        }
        List<float[]> v = samples.stream().map(EmbeddingEngine::toArray).toList();
        int half = v.size() / 2;
        double[] distances = new double[v.size()];
        for (int i = 0; i < v.size(); i++) {
            List<float[]> other = i < half ? v.subList(half, v.size()) : v.subList(0, half);
            double best = -1;
            for (float[] o : other) {
                best = Math.max(best, FaceEmbedder.cosine(o, v.get(i)));
            }
            distances[i] = 1 - best;
        }
        DistanceStats stats = DistanceStats.of(distances);
        double derived = stats.mean() + calibration.k() * stats.stddev();
        double threshold = Math.min(calibration.ceiling(), Math.max(calibration.floor(), derived));
        if (derived > calibration.ceiling()) {
            LOG.warnf(
                    "Enrolment varies widely (mean %.3f, sd %.3f): threshold capped at %.3f instead of %.3f",
                    stats.mean(), stats.stddev(), threshold, derived);
        } else {
            LOG.infof(
                    "Calibrated threshold %.3f (cosine %.3f) from %d held-out distances (mean %.3f, sd %.3f, max %.3f)",
                    threshold, 1 - threshold, stats.count(), stats.mean(), stats.stddev(), stats.max());
        }
        return threshold;
    }

    @Override
    public void restore(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new VisionModelException("face gallery file not found: " + file);
        }
        List<Entry> read = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(raw)) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new VisionModelException("not a MOTAM face gallery: " + file);
            }
            String id = new String(in.readNBytes(64), StandardCharsets.US_ASCII);
            if (!id.equals(modelId)) {
                throw new VisionModelException("face gallery " + file + " was made by feature model " + id
                        + " but this camera runs " + modelId);
            }
            int count = in.readInt();
            int dim = in.readInt();
            if (count < 0 || count > MAX_ENTRIES || dim != FaceEmbedder.DIMENSION) {
                throw new VisionModelException("expected at most " + MAX_ENTRIES + " vectors of "
                        + FaceEmbedder.DIMENSION + " floats but " + file + " declares " + count + " of " + dim);
            }
            for (int i = 0; i < count; i++) {
                in.readUnsignedByte(); // pinned at save time; a restored gallery is pinned by nothing
                float[] f = new float[dim];
                for (int j = 0; j < dim; j++) {
                    f[j] = in.readFloat();
                }
                read.add(new Entry(f, false));
            }
            if (in.read() >= 0) {
                throw new VisionModelException("face gallery " + file + " has bytes after its " + count + " vectors");
            }
        } catch (EOFException e) {
            throw new VisionModelException("truncated face gallery: " + file, e);
        }
        gallery.clear();
        gallery.addAll(read);
        trim();
        restored = true;
    }

    @Override
    public void save(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.write(modelId.getBytes(StandardCharsets.US_ASCII));
            out.writeInt(gallery.size());
            out.writeInt(FaceEmbedder.DIMENSION);
            for (Entry e : gallery) {
                out.writeByte(e.pinned() ? 1 : 0);
                for (float v : e.vector()) {
                    out.writeFloat(v);
                }
            }
        }
        AtomicFiles.write(file, bytes.toByteArray(), true);
    }

    @Override
    public String fileName() {
        return "embedding-gallery.bin";
    }

    @Override
    public int size() {
        return gallery.size();
    }

    /** Vectors protected from eviction (the enrolment). */
    public int pinned() {
        return (int) gallery.stream().filter(Entry::pinned).count();
    }

    @Override
    public String describe() {
        return "face embedding (" + gallery.size() + " vectors, at most " + maxSamples + ")";
    }

    @Override
    public void close() {
        embedder.close();
    }

    private void trim() {
        for (int i = 0; i < gallery.size() && gallery.size() > maxSamples; ) {
            if (!gallery.get(i).pinned()) {
                gallery.remove(i);
            } else {
                i++;
            }
        }
        while (gallery.size() > maxSamples) {
            gallery.remove(0);
        }
    }

    static float[] toArray(Mat vector) {
        if (vector.type() != CV_32F || vector.rows() != 1 || vector.cols() != FaceEmbedder.DIMENSION) {
            throw new IllegalArgumentException("expected a 1x" + FaceEmbedder.DIMENSION + " CV_32F face vector but was "
                    + vector.rows() + "x" + vector.cols() + " of type " + vector.type());
        }
        float[] f = new float[FaceEmbedder.DIMENSION];
        ((FloatBuffer) vector.createBuffer()).get(f);
        return f;
    }
}
