package io.motam.camera.vision.detect;

import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Finds faces in a frame: the ONNX detector of the embedding engine
 * ({@link OnnxFaceDetector}) or an OpenCV cascade ({@link FaceDetector}). Not thread-safe: one per thread.
 */
public interface FaceFinder extends AutoCloseable {

    /**
     * Detects faces in an 8-bit grey, BGR or BGRA frame (not modified).
     *
     * @return boxes in frame pixels, clipped to the frame; empty when there is none or the frame is
     *         empty or too small
     */
    List<FaceBox> detect(Mat frame);

    /** Short name for logs, e.g. {@code lbp cascade}. */
    String describe();

    @Override
    void close();
}
