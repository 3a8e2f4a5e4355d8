package io.motam.camera.pairing;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.motam.protocol.pairing.PairingOffer;
import io.motam.protocol.pairing.PairingQr;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Looks for the gateway's pairing QR code in camera frames with ZXing
 * ({@link PairingQr#decodeLuminance}). The cost is bounded twice: at most one frame is scanned per
 * {@code intervalMicros} of media time, and frames wider than {@code maxWidth} are downscaled
 * first (a QR code big enough to scan from a seat survives that). Not thread-safe.
 */
public final class QrFrameScanner {
    /** Frames wider than this are downscaled before decoding. */
    public static final int DEFAULT_MAX_WIDTH = 960;

    private final long intervalMicros;
    private final int maxWidth;
    private long lastScan = Long.MIN_VALUE;
    private int scans;

    /**
     * @param intervalMicros least media time between two scans, >= 0 (0 scans every frame)
     * @param maxWidth       frames wider than this are scaled down to it, >= 64
     */
    public QrFrameScanner(long intervalMicros, int maxWidth) {
        if (intervalMicros < 0) {
            throw new IllegalArgumentException("expected a scan interval >= 0 but was " + intervalMicros);
        }
        if (maxWidth < 64) {
            throw new IllegalArgumentException("expected a scan width >= 64 but was " + maxWidth);
        }
        this.intervalMicros = intervalMicros;
        this.maxWidth = maxWidth;
    }

    /**
     * Scans the frame if the interval has passed since the last scan.
     *
     * @param bgr             8-bit BGR frame (not modified)
     * @param timestampMicros the frame's media time
     * @return the offer found, or empty (not scanned, no code, or a code that is not an offer)
     */
    public Optional<PairingOffer> scan(Mat bgr, long timestampMicros) {
        if (lastScan != Long.MIN_VALUE && timestampMicros - lastScan < intervalMicros) {
            return Optional.empty();
        }
        lastScan = timestampMicros;
        if (bgr == null || bgr.isNull() || bgr.empty() || bgr.channels() != 3) {
            return Optional.empty();
        }
        scans++;
        try (Mat grey = new Mat()) {
            cvtColor(bgr, grey, COLOR_BGR2GRAY);
            if (grey.cols() > maxWidth) {
                int height = Math.max(1, (int) Math.round((double) grey.rows() * maxWidth / grey.cols()));
                try (Mat small = new Mat();
                        Size size = new Size(maxWidth, height)) {
                    resize(grey, small, size, 0, 0, INTER_AREA);
                    return decode(small);
                }
            }
            return decode(grey);
        }
    }

    /** Frames actually decoded so far. */
    public int scans() {
        return scans;
    }

    private static Optional<PairingOffer> decode(Mat grey) {
        int w = grey.cols();
        int h = grey.rows();
        byte[] pixels = new byte[w * h];
        if (grey.isContinuous()) {
            grey.data().get(pixels);
        } else {
            for (int y = 0; y < h; y++) {
                grey.ptr(y).get(pixels, y * w, w);
            }
        }
        return PairingQr.decodeLuminance(pixels, w, h);
    }
}
