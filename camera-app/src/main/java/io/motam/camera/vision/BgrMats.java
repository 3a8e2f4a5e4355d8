package io.motam.camera.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import org.bytedeco.opencv.opencv_core.Mat;

/** Channel conversions shared by the sources and the face code. All inputs must be 8-bit. */
public final class BgrMats {

    private BgrMats() {}

    /**
     * Returns a new 3-channel BGR copy of an 8-bit grey, BGR or BGRA image. The caller owns the
     * result; the input is not modified and may be a view into a reused buffer.
     */
    public static Mat copyAsBgr(Mat src) {
        requireEightBit(src);
        Mat out = new Mat();
        switch (src.channels()) {
            case 3 -> src.copyTo(out);
            case 1 -> cvtColor(src, out, COLOR_GRAY2BGR);
            case 4 -> cvtColor(src, out, COLOR_BGRA2BGR);
            default -> {
                out.close();
                throw new IllegalArgumentException("expected 1, 3 or 4 channels but was " + src.channels());
            }
        }
        return out;
    }

    /** Writes an 8-bit single-channel version of a grey, BGR or BGRA image into {@code dst}. */
    public static void toGray(Mat src, Mat dst) {
        requireEightBit(src);
        switch (src.channels()) {
            case 1 -> src.copyTo(dst);
            case 3 -> cvtColor(src, dst, COLOR_BGR2GRAY);
            case 4 -> cvtColor(src, dst, COLOR_BGRA2GRAY);
            default -> throw new IllegalArgumentException("expected 1, 3 or 4 channels but was " + src.channels());
        }
    }

    private static void requireEightBit(Mat src) {
        if (src == null || src.isNull() || src.empty()) {
            throw new IllegalArgumentException("expected a non-empty image but was empty");
        }
        if (src.depth() != CV_8U) {
            throw new IllegalArgumentException(
                    "expected 8-bit pixels (depth " + CV_8U + ") but was depth " + src.depth());
        }
    }
}
