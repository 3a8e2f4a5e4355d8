package io.motam.camera.vision.detect;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.motam.camera.vision.BgrMats;
import io.motam.camera.vision.FaceModelFiles;
import io.motam.camera.vision.OnnxNets;
import io.motam.camera.vision.VisionModelException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.StringVector;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.jboss.logging.Logger;

/**
 * Face detector of the embedding engine: {@code fr_detect.onnx} ({@link FaceModelFiles}) in
 * OpenCV's DNN module. The frame is resized to 320x240 (RGB, {@code (x - 127) / 128}); the model
 * gives 4420 candidate boxes (normalised corners) with a face score; candidates scoring at least
 * {@code minScore} are kept, overlapping ones (IoU above {@link #NMS_IOU}) reduced to the best.
 * Faces narrower than {@code minFaceSize} pixels of a 320-wide image are dropped, like the
 * cascade's. Not thread-safe.
 */
public final class OnnxFaceDetector implements FaceFinder {
    private static final Logger LOG = Logger.getLogger(OnnxFaceDetector.class);
    static final int WIDTH = 320;
    static final int HEIGHT = 240;
    static final int CANDIDATES = 4420;
    /** The model publisher's NMS overlap (lib/fr_detect.js); not tuned here. */
    static final double NMS_IOU = 0.4;
    /**
     * Least face score: the model publisher's value (lib/fr_detect.js), kept after checking on the
     * tuning set (docs/camera.md, "Data kept apart"): exactly one face in each of the 192 cap13
     * frames checked, and no cap12 enrolment frame rejected.
     */
    public static final double DEFAULT_MIN_SCORE = 0.65;

    private final Net net;
    private final Path file;
    private final double minScore;
    private final int minFaceSize;
    private final int maxFaceSize;
    private final StringVector outputs = new StringVector("scores", "boxes");
    private final float[] scores = new float[CANDIDATES * 2];
    private final float[] boxes = new float[CANDIDATES * 4];
    private boolean closed;

    private OnnxFaceDetector(Net net, Path file, double minScore, int minFaceSize, int maxFaceSize) {
        this.net = net;
        this.file = file;
        this.minScore = minScore;
        this.minFaceSize = minFaceSize;
        this.maxFaceSize = maxFaceSize;
    }

    /**
     * Loads and checks the model.
     *
     * @param minFaceSize smallest face width kept, in pixels of a 320-wide image
     * @param maxFaceSize largest face width kept, same scale; 0 for no limit
     * @throws VisionModelException naming the file when it is missing, not ONNX or of other shapes
     */
    public static OnnxFaceDetector load(Path file, double minScore, int minFaceSize, int maxFaceSize)
            throws VisionModelException {
        if (!(minScore > 0 && minScore < 1)) {
            throw new IllegalArgumentException("expected a detector score in (0, 1) but was " + minScore);
        }
        Net net = OnnxNets.load(file, new int[] {1, 3, HEIGHT, WIDTH}, new String[] {"scores", "boxes"}, new int[][] {
            {1, CANDIDATES, 2}, {1, CANDIDATES, 4}
        });
        LOG.infof("Loaded face detector %s", file);
        return new OnnxFaceDetector(net, file, minScore, minFaceSize, maxFaceSize);
    }

    private record Candidate(float score, double x1, double y1, double x2, double y2) {
        double area() {
            return Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
        }

        double iou(Candidate o) {
            double w = Math.min(x2, o.x2) - Math.max(x1, o.x1);
            double h = Math.min(y2, o.y2) - Math.max(y1, o.y1);
            if (w <= 0 || h <= 0) {
                return 0;
            }
            double inter = w * h;
            return inter / (area() + o.area() - inter);
        }
    }

    @Override
    public List<FaceBox> detect(Mat frame) {
        if (closed) {
            throw new IllegalStateException("expected an open detector but " + file + " is closed");
        }
        if (frame == null || frame.isNull() || frame.empty()) {
            return List.of();
        }
        int cols = frame.cols();
        int rows = frame.rows();
        try (Mat bgr = frame.channels() == 3 ? null : BgrMats.copyAsBgr(frame);
                Mat small = new Mat();
                Size size = new Size(WIDTH, HEIGHT);
                Scalar mean = new Scalar(127.0, 127.0, 127.0, 0.0);
                MatVector results = new MatVector()) {
            resize(bgr == null ? frame : bgr, small, size, 0, 0, INTER_LINEAR);
            try (Mat blob = blobFromImage(small, 1.0 / 128, size, mean, true, false, CV_32F)) {
                net.setInput(blob);
                net.forward(results, outputs);
            }
            try (Mat s = results.get(0);
                    Mat b = results.get(1)) {
                ((FloatBuffer) s.createBuffer()).get(scores);
                ((FloatBuffer) b.createBuffer()).get(boxes);
            }
        }
        List<Candidate> found = new ArrayList<>();
        for (int i = 0; i < CANDIDATES; i++) {
            float score = scores[2 * i + 1];
            if (score >= minScore) {
                found.add(new Candidate(score, boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3]));
            }
        }
        found.sort(Comparator.comparingDouble(Candidate::score).reversed());
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : found) {
            if (kept.stream().noneMatch(k -> k.iou(c) > NMS_IOU)) {
                kept.add(c);
            }
        }
        List<FaceBox> faces = new ArrayList<>(kept.size());
        for (Candidate c : kept) {
            double widthAt320 = (c.x2 - c.x1) * WIDTH;
            if (widthAt320 < minFaceSize || (maxFaceSize > 0 && widthAt320 > maxFaceSize)) {
                continue;
            }
            int x = (int) Math.max(0, Math.round(c.x1 * cols));
            int y = (int) Math.max(0, Math.round(c.y1 * rows));
            int right = (int) Math.min(cols, Math.round(c.x2 * cols));
            int bottom = (int) Math.min(rows, Math.round(c.y2 * rows));
            if (right - x >= 2 && bottom - y >= 2) {
                faces.add(new FaceBox(x, y, right - x, bottom - y));
            }
        }
        return List.copyOf(faces);
    }

    @Override
    public String describe() {
        return "ONNX face detector " + file.getFileName();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            net.close();
            outputs.close();
        }
    }
}
