package io.motam.camera.vision.detect;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.motam.camera.vision.BgrMats;
import io.motam.camera.vision.VisionModelException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;
import org.jboss.logging.Logger;

/**
 * Finds frontal faces with an OpenCV cascade classifier.
 *
 * <p>Each frame is converted to grey, downscaled to {@link FaceDetectorSettings#maxWidth()} when
 * wider, histogram-equalised and scanned; boxes are returned in the frame's own pixels, clipped to
 * the frame. Frames of any size and of 1, 3 or 4 channels are accepted; an empty frame or one
 * smaller than the smallest face yields no face.
 *
 * <p>Not thread-safe (the native classifier keeps scratch buffers): one detector per thread.
 */
public final class FaceDetector implements FaceFinder {

    private static final Logger LOG = Logger.getLogger(FaceDetector.class);
    /** Training window of the shipped frontal-face cascades; nothing smaller can be found. */
    static final int CASCADE_WINDOW = 24;

    private final CascadeClassifier cascade;
    private final FaceDetectorSettings settings;
    private final String source;
    private boolean closed;

    private FaceDetector(CascadeClassifier cascade, FaceDetectorSettings settings, String source) {
        this.cascade = cascade;
        this.settings = settings;
        this.source = source;
    }

    /**
     * Loads a cascade shipped in the OpenCV platform jar.
     *
     * @throws VisionModelException if the jar for this platform lacks the cascade or it does not load
     */
    public static FaceDetector load(CascadeKind kind, FaceDetectorSettings settings) throws VisionModelException {
        String resource = kind.resourcePath();
        File file;
        try {
            file = Loader.cacheResource(FaceDetector.class, resource);
        } catch (IOException e) {
            throw new VisionModelException("cannot extract cascade " + resource + ": " + e.getMessage(), e);
        }
        if (file == null) {
            throw new VisionModelException("cascade " + resource + " is not on the class path (is the opencv "
                    + Loader.getPlatform() + " jar present?)");
        }
        return fromFile(file.toPath(), settings);
    }

    /**
     * Loads a cascade XML file.
     *
     * @throws VisionModelException if the file is missing or is not a cascade OpenCV can load
     */
    public static FaceDetector fromFile(Path cascadeFile, FaceDetectorSettings settings) throws VisionModelException {
        if (!Files.isRegularFile(cascadeFile) || !Files.isReadable(cascadeFile)) {
            throw new VisionModelException("cascade file not found or unreadable: " + cascadeFile);
        }
        CascadeClassifier cascade = new CascadeClassifier();
        boolean loaded;
        try {
            loaded = cascade.load(cascadeFile.toString());
        } catch (RuntimeException e) {
            loaded = false;
            LOG.debugf("OpenCV refused cascade %s: %s", cascadeFile, e.getMessage());
        }
        if (!loaded || cascade.empty()) {
            cascade.close();
            throw new VisionModelException("not a loadable OpenCV cascade: " + cascadeFile);
        }
        LOG.infof(
                "Loaded face cascade %s (min face %d px, max width %d px)",
                cascadeFile.getFileName(), settings.minFaceSize(), settings.maxWidth());
        return new FaceDetector(cascade, settings, cascadeFile.toString());
    }

    /**
     * Detects faces in an 8-bit grey, BGR or BGRA frame (not modified).
     *
     * @return boxes in frame pixels, in the classifier's order; empty when there is no face
     */
    @Override
    public List<FaceBox> detect(Mat frame) {
        if (closed) {
            throw new IllegalStateException("expected an open detector but " + source + " is closed");
        }
        if (frame == null || frame.isNull() || frame.empty()) {
            return List.of();
        }
        int cols = frame.cols();
        int rows = frame.rows();
        double scale = cols > settings.maxWidth() ? (double) settings.maxWidth() / cols : 1.0;
        int workWidth = Math.max(1, (int) Math.round(cols * scale));
        int workHeight = Math.max(1, (int) Math.round(rows * scale));
        int minFace = Math.max(CASCADE_WINDOW, settings.minFaceSize());
        if (Math.min(workWidth, workHeight) < minFace) {
            return List.of();
        }
        try (Mat grey = new Mat();
                Mat work = new Mat();
                RectVector found = new RectVector();
                Size minSize = new Size(minFace, minFace);
                Size maxSize = new Size(settings.maxFaceSize(), settings.maxFaceSize())) {
            BgrMats.toGray(frame, grey);
            if (scale < 1.0) {
                try (Mat small = new Mat();
                        Size target = new Size(workWidth, workHeight)) {
                    resize(grey, small, target, 0, 0, INTER_AREA);
                    equalizeHist(small, work);
                }
            } else {
                equalizeHist(grey, work);
            }
            cascade.detectMultiScale(work, found, settings.scaleFactor(), settings.minNeighbors(), 0, minSize, maxSize);
            return toFrameBoxes(found, 1.0 / scale, cols, rows);
        }
    }

    private static List<FaceBox> toFrameBoxes(RectVector found, double factor, int cols, int rows) {
        List<FaceBox> boxes = new ArrayList<>((int) found.size());
        for (long i = 0; i < found.size(); i++) {
            Rect r = found.get(i); // a view into the vector, freed with it
            FaceBox box = new FaceBox(r.x(), r.y(), r.width(), r.height());
            FaceBox inFrame = factor == 1.0 ? box : box.scaled(factor);
            clip(inFrame, cols, rows).ifPresent(boxes::add);
        }
        return List.copyOf(boxes);
    }

    private static Optional<FaceBox> clip(FaceBox box, int cols, int rows) {
        int x = Math.max(0, box.x());
        int y = Math.max(0, box.y());
        int right = Math.min(cols, box.right());
        int bottom = Math.min(rows, box.bottom());
        if (right <= x || bottom <= y) {
            return Optional.empty();
        }
        return Optional.of(new FaceBox(x, y, right - x, bottom - y));
    }

    @Override
    public String describe() {
        return "cascade " + Path.of(source).getFileName();
    }

    /** The settings in use. */
    public FaceDetectorSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cascade.close();
        }
    }
}
