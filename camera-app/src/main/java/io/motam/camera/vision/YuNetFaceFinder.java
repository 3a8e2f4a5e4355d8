package io.motam.camera.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.FaceDetectorYN;
import org.jboss.logging.Logger;

/**
 * Optional face detector: OpenCV's {@code FaceDetectorYN} running the YuNet ONNX model (e.g.
 * {@code face_detection_yunet_2023mar.onnx} from the OpenCV model zoo; no package ships it, the
 * operator points {@code motam.recognition.yunet-model} at it). Besides the boxes it keeps the
 * five landmarks of the last frame's faces, which {@link SfaceModel} needs to align a face.
 *
 * <p>Frames wider than {@code maxWidth} are downscaled first; boxes and landmarks are returned in
 * frame pixels. Not thread-safe.
 */
public final class YuNetFaceFinder implements FaceFinder {
    private static final Logger LOG = Logger.getLogger(YuNetFaceFinder.class);
    /** Columns of a YuNet result row: box (4), five landmarks (10), score. */
    static final int ROW = 15;

    private final FaceDetectorYN net;
    private final Path model;
    private final int minFaceSize;
    private final int maxWidth;
    private final Map<FaceBox, float[]> lastRows = new LinkedHashMap<>();
    private int inputWidth = -1;
    private int inputHeight = -1;
    private boolean closed;

    private YuNetFaceFinder(FaceDetectorYN net, Path model, int minFaceSize, int maxWidth) {
        this.net = net;
        this.model = model;
        this.minFaceSize = minFaceSize;
        this.maxWidth = maxWidth;
    }

    /**
     * Loads the model.
     *
     * @param scoreThreshold faces scoring below this are dropped (0.9 is OpenCV's sample value)
     * @throws VisionModelException if the file is missing, unreadable or not a YuNet ONNX model
     */
    public static YuNetFaceFinder load(Path model, float scoreThreshold, int minFaceSize, int maxWidth)
            throws VisionModelException {
        if (!Files.isRegularFile(model) || !Files.isReadable(model)) {
            throw new VisionModelException("YuNet model file not found or unreadable: " + model
                    + " (motam.recognition.yunet-model)");
        }
        if (!(scoreThreshold > 0 && scoreThreshold < 1)) {
            throw new IllegalArgumentException("expected a YuNet score threshold in (0, 1) but was " + scoreThreshold);
        }
        FaceDetectorYN net;
        try (Size size = new Size(320, 320)) {
            net = FaceDetectorYN.create(model.toString(), "", size, scoreThreshold, 0.3f, 5000, 0, 0);
        } catch (RuntimeException e) {
            throw new VisionModelException("not a loadable YuNet ONNX model: " + model + " (" + firstLine(e) + ")", e);
        }
        if (net == null || net.isNull()) {
            throw new VisionModelException("not a loadable YuNet ONNX model: " + model);
        }
        LOG.infof("Loaded YuNet face detector %s", model.getFileName());
        return new YuNetFaceFinder(net, model, minFaceSize, maxWidth);
    }

    @Override
    public List<FaceBox> detect(Mat frame) {
        if (closed) {
            throw new IllegalStateException("expected an open detector but " + model + " is closed");
        }
        lastRows.clear();
        if (frame == null || frame.isNull() || frame.empty() || Math.min(frame.cols(), frame.rows()) < minFaceSize) {
            return List.of();
        }
        double scale = frame.cols() > maxWidth ? (double) maxWidth / frame.cols() : 1.0;
        try (Mat bgr = new Mat(); Mat work = new Mat(); Mat faces = new Mat()) {
            toBgr(frame, bgr);
            int w = Math.max(1, (int) Math.round(frame.cols() * scale));
            int h = Math.max(1, (int) Math.round(frame.rows() * scale));
            if (scale < 1.0) {
                try (Size target = new Size(w, h)) {
                    resize(bgr, work, target, 0, 0, INTER_AREA);
                }
            } else {
                bgr.copyTo(work);
            }
            if (w != inputWidth || h != inputHeight) {
                try (Size input = new Size(w, h)) {
                    net.setInputSize(input);
                }
                inputWidth = w;
                inputHeight = h;
            }
            net.detect(work, faces);
            return collect(faces, 1.0 / scale, frame.cols(), frame.rows());
        }
    }

    /** The YuNet row (box, landmarks, score; frame pixels) of a box returned by the last {@link #detect}. */
    public Optional<float[]> row(FaceBox box) {
        float[] r = lastRows.get(box);
        return r == null ? Optional.empty() : Optional.of(r.clone());
    }

    @Override
    public String describe() {
        return "YuNet " + model.getFileName();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            net.close();
        }
    }

    private List<FaceBox> collect(Mat faces, double factor, int cols, int rows) {
        if (faces.empty() || faces.cols() < ROW || faces.type() != CV_32F) {
            return List.of();
        }
        List<FaceBox> boxes = new ArrayList<>(faces.rows());
        try (FloatIndexer idx = faces.createIndexer()) {
            for (int i = 0; i < faces.rows(); i++) {
                float[] r = new float[ROW];
                for (int c = 0; c < ROW; c++) {
                    r[c] = (float) (c < ROW - 1 ? idx.get(i, c) * factor : idx.get(i, c));
                }
                int x = Math.max(0, Math.round(r[0]));
                int y = Math.max(0, Math.round(r[1]));
                int right = Math.min(cols, Math.round(r[0] + r[2]));
                int bottom = Math.min(rows, Math.round(r[1] + r[3]));
                if (right - x < minFaceSize || bottom - y < minFaceSize) {
                    continue;
                }
                FaceBox box = new FaceBox(x, y, right - x, bottom - y);
                boxes.add(box);
                lastRows.put(box, r);
            }
        }
        return List.copyOf(boxes);
    }

    private static void toBgr(Mat src, Mat dst) {
        switch (src.channels()) {
            case 3 -> src.copyTo(dst);
            case 1 -> cvtColor(src, dst, COLOR_GRAY2BGR);
            case 4 -> cvtColor(src, dst, COLOR_BGRA2BGR);
            default -> throw new IllegalArgumentException("expected 1, 3 or 4 channels but was " + src.channels());
        }
    }

    static String firstLine(RuntimeException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
