package io.motam.camera.recognition;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;

import io.motam.camera.vision.FaceBox;
import io.motam.camera.vision.SfaceModel;
import io.motam.camera.vision.VisionModelException;
import io.motam.camera.vision.YuNetFaceFinder;
import io.motam.storage.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The optional engine: faces found by {@link YuNetFaceFinder}, aligned and embedded by
 * {@link SfaceModel}; the subject is a gallery of at most {@code maxSamples} features and the
 * distance of a face is {@code 1 - best cosine similarity} to the gallery. The threshold is not
 * calibrated: it is {@code 1 - minCosine} (OpenCV's published 0.363 gives 0.637) unless
 * {@code motam.recognition.threshold} is set. The enrolment is pinned; beyond the bound the oldest
 * unpinned features go first.
 *
 * <p>File layout ({@link #save}): {@code "MOTAMSF1"}, u32 count, u32 dimension, then count x
 * dimension float32, all big-endian.
 */
public final class SfaceEngine implements FaceEngine {
    private static final byte[] MAGIC = "MOTAMSF1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int MAX_DIMENSION = 4096;

    private record Entry(float[] feature, boolean pinned) {
    }

    private final YuNetFaceFinder finder;
    private final SfaceModel model;
    private final int maxSamples;
    private final double minCosine;
    private final List<Entry> gallery = new ArrayList<>();
    private boolean restored;

    /** Takes ownership of {@code model}; the finder stays the caller's. */
    public SfaceEngine(YuNetFaceFinder finder, SfaceModel model, int maxSamples, double minCosine) {
        if (maxSamples < 1) {
            throw new IllegalArgumentException("expected maxSamples >= 1 but was " + maxSamples);
        }
        this.finder = finder;
        this.model = model;
        this.maxSamples = maxSamples;
        this.minCosine = minCosine;
    }

    @Override
    public Mat sample(Mat frame, FaceBox box) {
        float[] row = finder.row(box).orElseThrow(() -> new IllegalArgumentException(
                "expected a face found by YuNet in this frame but " + box + " was not"));
        return model.feature(frame, row);
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
        double best = -1;
        for (Entry e : gallery) {
            try (Mat g = toMat(e.feature())) {
                best = Math.max(best, model.cosine(sample, g));
            }
        }
        return 1 - best;
    }

    @Override
    public double calibrate(List<Mat> samples) {
        return 1 - minCosine;
    }

    @Override
    public void restore(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new VisionModelException("SFace gallery file not found: " + file);
        }
        List<Entry> read = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new VisionModelException("not a MOTAM SFace gallery: " + file);
            }
            int count = in.readInt();
            int dim = in.readInt();
            if (count < 0 || count > 10_000 || dim < 1 || dim > MAX_DIMENSION) {
                throw new VisionModelException("expected at most 10000 features of 1.." + MAX_DIMENSION
                        + " floats but " + file + " declares " + count + " of " + dim);
            }
            for (int i = 0; i < count; i++) {
                float[] f = new float[dim];
                for (int j = 0; j < dim; j++) {
                    f[j] = in.readFloat();
                }
                read.add(new Entry(f, false));
            }
        } catch (java.io.EOFException e) {
            throw new VisionModelException("truncated SFace gallery: " + file, e);
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
            out.writeInt(gallery.size());
            out.writeInt(gallery.isEmpty() ? 1 : gallery.get(0).feature().length);
            for (Entry e : gallery) {
                for (float v : e.feature()) {
                    out.writeFloat(v);
                }
            }
        }
        AtomicFiles.write(file, bytes.toByteArray(), true);
    }

    @Override
    public String fileName() {
        return "sface-gallery.bin";
    }

    @Override
    public int size() {
        return gallery.size();
    }

    @Override
    public String describe() {
        return "SFace (" + gallery.size() + " features, at most " + maxSamples + ")";
    }

    @Override
    public void close() {
        model.close();
    }

    private void trim() {
        for (int i = 0; i < gallery.size() && gallery.size() > maxSamples;) {
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

    private static float[] toArray(Mat feature) {
        if (feature.type() != CV_32F || feature.rows() != 1) {
            throw new IllegalArgumentException("expected a 1xN CV_32F feature but was " + feature.rows() + "x"
                    + feature.cols() + " of type " + feature.type());
        }
        float[] f = new float[feature.cols()];
        try (FloatIndexer idx = feature.createIndexer()) {
            for (int i = 0; i < f.length; i++) {
                f[i] = idx.get(0, i);
            }
        }
        return f;
    }

    private static Mat toMat(float[] f) {
        Mat m = new Mat(1, f.length, CV_32F);
        try (FloatIndexer idx = m.createIndexer()) {
            for (int i = 0; i < f.length; i++) {
                idx.put(0, i, f[i]);
            }
        }
        return m;
    }
}
