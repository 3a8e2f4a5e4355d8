package io.motam.camera.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_objdetect.FaceRecognizerSF;
import org.jboss.logging.Logger;

/**
 * Optional face embedding: OpenCV's {@code FaceRecognizerSF} running the SFace ONNX model (e.g.
 * {@code face_recognition_sface_2021dec.onnx} from the OpenCV model zoo, pointed at by
 * {@code motam.recognition.sface-model}). A face found by {@link YuNetFaceFinder} is aligned by its
 * landmarks and turned into a 128-float feature; two features of one person have a cosine
 * similarity above about 0.363 (OpenCV's published threshold for this model). Not thread-safe.
 */
public final class SfaceModel implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SfaceModel.class);
    /** OpenCV's published cosine threshold for SFace: at or above it, the same person. */
    public static final double DEFAULT_MIN_COSINE = 0.363;

    private final FaceRecognizerSF net;
    private final Path model;
    private boolean closed;

    private SfaceModel(FaceRecognizerSF net, Path model) {
        this.net = net;
        this.model = model;
    }

    /**
     * Loads the model.
     *
     * @throws VisionModelException if the file is missing, unreadable or not an SFace ONNX model
     */
    public static SfaceModel load(Path model) throws VisionModelException {
        if (!Files.isRegularFile(model) || !Files.isReadable(model)) {
            throw new VisionModelException("SFace model file not found or unreadable: " + model
                    + " (motam.recognition.sface-model)");
        }
        FaceRecognizerSF net;
        try {
            net = FaceRecognizerSF.create(model.toString(), "");
        } catch (RuntimeException e) {
            throw new VisionModelException("not a loadable SFace ONNX model: " + model + " ("
                    + YuNetFaceFinder.firstLine(e) + ")", e);
        }
        if (net == null || net.isNull()) {
            throw new VisionModelException("not a loadable SFace ONNX model: " + model);
        }
        LOG.infof("Loaded SFace recogniser %s", model.getFileName());
        return new SfaceModel(net, model);
    }

    /**
     * The feature of one face.
     *
     * @param frame BGR frame the face was found in
     * @param yunetRow the face's YuNet row (box, landmarks, score) in frame pixels
     * @return a new 1xN CV_32F feature owned by the caller
     */
    public Mat feature(Mat frame, float[] yunetRow) {
        if (closed) {
            throw new IllegalStateException("expected an open model but " + model + " is closed");
        }
        if (yunetRow.length != YuNetFaceFinder.ROW) {
            throw new IllegalArgumentException("expected a YuNet row of " + YuNetFaceFinder.ROW + " values but was "
                    + yunetRow.length);
        }
        try (Mat row = new Mat(1, YuNetFaceFinder.ROW, CV_32F); Mat aligned = new Mat(); Mat feature = new Mat()) {
            try (FloatIndexer idx = row.createIndexer()) {
                for (int c = 0; c < yunetRow.length; c++) {
                    idx.put(0, c, yunetRow[c]);
                }
            }
            net.alignCrop(frame, row, aligned);
            net.feature(aligned, feature);
            return feature.clone();
        }
    }

    /** Cosine similarity of two features, in [-1, 1]. */
    public double cosine(Mat a, Mat b) {
        return net.match(a, b, FaceRecognizerSF.FR_COSINE);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            net.close();
        }
    }
}
