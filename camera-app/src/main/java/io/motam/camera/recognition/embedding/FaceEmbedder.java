package io.motam.camera.recognition.embedding;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import io.motam.camera.vision.BgrMats;
import io.motam.camera.vision.OnnxNets;
import io.motam.camera.vision.VisionModelException;
import io.motam.camera.vision.detect.FaceBox;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.jboss.logging.Logger;

/**
 * Turns a face box into a 512-float identity vector, L2-normalised, so that the cosine of two
 * vectors is their dot product:
 * <ol>
 *   <li>68 landmarks from {@code fr_landmark.onnx}: a square crop around the box, 64x64 grey,
 *       scaled by 1/256; the model answers 136 values normalised to the crop;</li>
 *   <li>five points (eye centres, nose tip, mouth corners) mapped onto the ArcFace 112x112
 *       template by the least-squares similarity transform (rotation, uniform scale, shift);</li>
 *   <li>{@code fr_feature.onnx} on the aligned face (RGB, {@code (x - 127) / 128}).</li>
 * </ol>
 * Not thread-safe.
 */
public final class FaceEmbedder implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FaceEmbedder.class);
    public static final int DIMENSION = 512;
    static final int LANDMARK_INPUT = 64;
    static final int ALIGNED = 112;
    /** The standard ArcFace 112x112 five-point template: left eye, right eye, nose tip, mouth left, mouth right. */
    static final double[][] TEMPLATE = {
        {38.2946, 51.6963}, {73.5318, 51.5014}, {56.0252, 71.7366}, {41.5493, 92.3655}, {70.7299, 92.2041}
    };

    private final Net landmarks;
    private final Net features;
    private final Path landmarkFile;
    private final Path featureFile;
    private boolean closed;

    private FaceEmbedder(Net landmarks, Net features, Path landmarkFile, Path featureFile) {
        this.landmarks = landmarks;
        this.features = features;
        this.landmarkFile = landmarkFile;
        this.featureFile = featureFile;
    }

    /**
     * Loads and checks both models.
     *
     * @throws VisionModelException naming the file when one is missing, not ONNX or of other shapes
     */
    public static FaceEmbedder load(Path landmarkFile, Path featureFile) throws VisionModelException {
        Net lm = OnnxNets.load(
                landmarkFile, new int[] {1, 1, LANDMARK_INPUT, LANDMARK_INPUT}, new String[] {"output"}, new int[][] {
                    {1, 136}
                });
        Net ft;
        try {
            ft = OnnxNets.load(featureFile, new int[] {1, 3, ALIGNED, ALIGNED}, new String[] {"output"}, new int[][] {
                {1, DIMENSION}
            });
        } catch (VisionModelException e) {
            lm.close();
            throw e;
        }
        LOG.infof("Loaded face landmarks %s and face embedding %s", landmarkFile, featureFile);
        return new FaceEmbedder(lm, ft, landmarkFile, featureFile);
    }

    /**
     * The identity vector of the face in {@code box}.
     *
     * @param frame 8-bit grey, BGR or BGRA frame (not modified)
     * @return a new 1x512 CV_32F Mat of unit length, owned by the caller
     */
    public Mat embed(Mat frame, FaceBox box) {
        requireOpen();
        try (Mat bgr = frame.channels() == 3 ? null : BgrMats.copyAsBgr(frame)) {
            Mat image = bgr == null ? frame : bgr;
            double[][] five = fivePoints(landmarks(image, box));
            try (Mat aligned = align(image, five)) {
                return feature(aligned);
            }
        }
    }

    /** The 68 landmarks of the face in {@code box} as x0, y0, x1, y1 ... in frame pixels. */
    public float[] landmarks(Mat frame, FaceBox box) {
        requireOpen();
        int side = Math.min(Math.max(box.width(), box.height()), Math.min(frame.cols(), frame.rows()));
        int x = (int) Math.round(box.centreX() - side / 2.0);
        int y = (int) Math.round(box.centreY() - side / 2.0);
        x = Math.max(0, Math.min(x, frame.cols() - side));
        y = Math.max(0, Math.min(y, frame.rows() - side));
        float[] out = new float[136];
        try (Rect rect = new Rect(x, y, side, side);
                Mat crop = new Mat(frame, rect);
                Mat grey = new Mat();
                Mat small = new Mat();
                Size size = new Size(LANDMARK_INPUT, LANDMARK_INPUT);
                Scalar zero = new Scalar(0.0)) {
            BgrMats.toGray(crop, grey);
            resize(grey, small, size, 0, 0, side > LANDMARK_INPUT ? INTER_AREA : INTER_LINEAR);
            try (Mat blob = blobFromImage(small, 1.0 / 256, size, zero, false, false, CV_32F)) {
                landmarks.setInput(blob);
                try (Mat result = landmarks.forward()) {
                    ((FloatBuffer) result.createBuffer()).get(out);
                }
            }
        }
        for (int i = 0; i < 68; i++) {
            out[2 * i] = x + out[2 * i] * side;
            out[2 * i + 1] = y + out[2 * i + 1] * side;
        }
        return out;
    }

    /** Eye centres (points 36-41 and 42-47), nose tip (30), mouth corners (48, 54) of 68 landmarks. */
    static double[][] fivePoints(float[] lm) {
        double[][] p = new double[5][2];
        for (int i = 36; i < 42; i++) {
            p[0][0] += lm[2 * i] / 6.0;
            p[0][1] += lm[2 * i + 1] / 6.0;
            p[1][0] += lm[2 * (i + 6)] / 6.0;
            p[1][1] += lm[2 * (i + 6) + 1] / 6.0;
        }
        p[2] = new double[] {lm[60], lm[61]};
        p[3] = new double[] {lm[96], lm[97]};
        p[4] = new double[] {lm[108], lm[109]};
        return p;
    }

    /**
     * The least-squares similarity transform {@code [a -b tx; b a ty]} taking {@code src} onto
     * {@code dst} (rotation and uniform scale, no reflection).
     */
    static double[] similarity(double[][] src, double[][] dst) {
        int n = src.length;
        double sx = 0;
        double sy = 0;
        double dx = 0;
        double dy = 0;
        for (int i = 0; i < n; i++) {
            sx += src[i][0] / n;
            sy += src[i][1] / n;
            dx += dst[i][0] / n;
            dy += dst[i][1] / n;
        }
        double dot = 0;
        double cross = 0;
        double norm = 0;
        for (int i = 0; i < n; i++) {
            double px = src[i][0] - sx;
            double py = src[i][1] - sy;
            double qx = dst[i][0] - dx;
            double qy = dst[i][1] - dy;
            dot += px * qx + py * qy;
            cross += px * qy - py * qx;
            norm += px * px + py * py;
        }
        if (norm < 1e-9) {
            throw new IllegalArgumentException("expected five distinct landmarks but they coincide");
        }
        double a = dot / norm;
        double b = cross / norm;
        return new double[] {a, -b, dx - (a * sx - b * sy), b, a, dy - (b * sx + a * sy)};
    }

    /** The face warped onto the 112x112 template; a new BGR Mat owned by the caller. */
    static Mat align(Mat bgr, double[][] five) {
        double[] m = similarity(five, TEMPLATE);
        Mat aligned = new Mat();
        try (Mat transform = new Mat(2, 3, CV_64F);
                Size size = new Size(ALIGNED, ALIGNED);
                Scalar black = new Scalar(0.0)) {
            try (DoubleIndexer idx = transform.createIndexer()) {
                for (int i = 0; i < 6; i++) {
                    idx.put(i / 3, i % 3, m[i]);
                }
            }
            warpAffine(bgr, aligned, transform, size, INTER_LINEAR, BORDER_CONSTANT, black);
        }
        return aligned;
    }

    private Mat feature(Mat aligned) {
        float[] v = new float[DIMENSION];
        try (Size size = new Size(ALIGNED, ALIGNED);
                Scalar mean = new Scalar(127.0, 127.0, 127.0, 0.0);
                Mat blob = blobFromImage(aligned, 1.0 / 128, size, mean, true, false, CV_32F)) {
            features.setInput(blob);
            try (Mat result = features.forward()) {
                ((FloatBuffer) result.createBuffer()).get(v);
            }
        }
        double norm = 0;
        for (float f : v) {
            norm += f * f;
        }
        norm = Math.sqrt(norm);
        if (!(norm > 0) || Double.isInfinite(norm)) {
            throw new IllegalStateException(
                    "expected a finite non-zero face vector from " + featureFile + " but its norm was " + norm);
        }
        Mat out = new Mat(1, DIMENSION, CV_32F);
        FloatBuffer buf = out.createBuffer();
        for (int i = 0; i < DIMENSION; i++) {
            buf.put(i, (float) (v[i] / norm));
        }
        return out;
    }

    /** Cosine of two unit vectors made by {@link #embed}. */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("expected an open embedder but " + landmarkFile + " is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            landmarks.close();
            features.close();
        }
    }
}
