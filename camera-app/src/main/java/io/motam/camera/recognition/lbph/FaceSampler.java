package io.motam.camera.recognition.lbph;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.createCLAHE;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.motam.camera.vision.BgrMats;
import io.motam.camera.vision.detect.FaceBox;
import java.util.Objects;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_imgproc.CLAHE;

/**
 * Cuts a detected face out of a frame as a normalised LBPH sample: the central part of the box
 * (see {@link FaceSampleSettings}), grey, resized to a fixed square with area averaging, and
 * contrast-equalised.
 *
 * <p>Enrolment and recognition must use the same settings and the same cascade kind (Haar boxes
 * are larger than LBP boxes, so the same crop fractions cover a different part of the face).
 * Not thread-safe (the CLAHE object keeps state): one sampler per thread.
 */
public final class FaceSampler implements AutoCloseable {

    private final FaceSampleSettings settings;
    private final CLAHE clahe;
    private boolean closed;

    /** A sampler with the given settings. */
    public FaceSampler(FaceSampleSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (settings.clahe()) {
            try (Size tiles = new Size(settings.claheTiles(), settings.claheTiles())) {
                this.clahe = createCLAHE(settings.claheClipLimit(), tiles);
            }
        } else {
            this.clahe = null;
        }
    }

    /** A sampler with {@link FaceSampleSettings#defaults()}. */
    public FaceSampler() {
        this(FaceSampleSettings.defaults());
    }

    /**
     * Produces the sample for one face.
     *
     * @param frame 8-bit grey, BGR or BGRA frame the box was found in (not modified)
     * @param box   face box in frame pixels; it may reach past the frame's edges
     * @return a new {@code size x size} CV_8UC1 image owned by the caller
     * @throws IllegalArgumentException if the frame is empty or the box lies outside it
     */
    public Mat sample(Mat frame, FaceBox box) {
        if (closed) {
            throw new IllegalStateException("expected an open sampler but it is closed");
        }
        if (frame == null || frame.isNull() || frame.empty()) {
            throw new IllegalArgumentException("expected a non-empty frame but was empty");
        }
        FaceBox crop = cropRegion(box, frame.cols(), frame.rows());
        Mat out = new Mat();
        try (Rect rect = crop.toRect();
                Mat roi = new Mat(frame, rect);
                Mat grey = new Mat();
                Mat resized = new Mat();
                Size target = new Size(settings.size(), settings.size())) {
            BgrMats.toGray(roi, grey);
            resize(grey, resized, target, 0, 0, INTER_AREA);
            if (clahe != null) {
                clahe.apply(resized, out);
            } else {
                equalizeHist(resized, out);
            }
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /**
     * The part of the frame a sample is cut from: the central {@code innerFraction} of the box,
     * moved up by {@code upwardShift} of its height, then slid (not shrunk) to lie inside the
     * frame; shrunk only when larger than the frame.
     *
     * @throws IllegalArgumentException if the box does not overlap the frame
     */
    FaceBox cropRegion(FaceBox box, int cols, int rows) {
        if (box.right() <= 0 || box.bottom() <= 0 || box.x() >= cols || box.y() >= rows) {
            throw new IllegalArgumentException(
                    "expected a box overlapping the " + cols + "x" + rows + " frame but was " + box);
        }
        int w = Math.min(cols, Math.max(1, (int) Math.round(box.width() * settings.innerFraction())));
        int h = Math.min(rows, Math.max(1, (int) Math.round(box.height() * settings.innerFraction())));
        int x = box.x() + (box.width() - w) / 2;
        int y = box.y() + (box.height() - h) / 2 - (int) Math.round(settings.upwardShift() * box.height());
        x = Math.max(0, Math.min(x, cols - w));
        y = Math.max(0, Math.min(y, rows - h));
        return new FaceBox(x, y, w, h);
    }

    /** The settings in use. */
    public FaceSampleSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (clahe != null) {
                clahe.close();
            }
        }
    }
}
