package io.motam.camera.vision.source;

import java.util.Objects;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One decoded frame handed out by a {@link FrameSource}.
 *
 * <p><b>Ownership:</b> the {@link #bgr()} matrix is a fresh native copy that belongs to the
 * caller, who must {@link #close()} the frame (try-with-resources) once done with it. Sources never
 * touch a frame again after returning it, so a frame may outlive its source.
 *
 * @param bgr             8-bit, 3-channel BGR image, never empty
 * @param timestampMicros media time in microseconds (see each source for its clock)
 * @param origin          where the frame came from: a file path, an image path or a device spec
 */
public record CapturedFrame(Mat bgr, long timestampMicros, String origin) implements AutoCloseable {

    public CapturedFrame {
        Objects.requireNonNull(bgr, "bgr");
        Objects.requireNonNull(origin, "origin");
        if (bgr.isNull() || bgr.empty()) {
            throw new IllegalArgumentException("expected a non-empty image but was empty (" + origin + ")");
        }
        if (timestampMicros < 0) {
            throw new IllegalArgumentException("expected timestamp >= 0 but was " + timestampMicros);
        }
    }

    /** Image width in pixels. */
    public int width() {
        return bgr.cols();
    }

    /** Image height in pixels. */
    public int height() {
        return bgr.rows();
    }

    /** Releases the native image; further use of {@link #bgr()} is invalid. Idempotent. */
    @Override
    public void close() {
        bgr.close();
    }
}
