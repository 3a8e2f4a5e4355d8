package io.motam.camera.vision.source;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameGrabber;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;
import org.jboss.logging.Logger;

/**
 * Live frames from a camera: a V4L2 device path read through FFmpeg ({@code format v4l2}), or an
 * OpenCV camera index.
 *
 * <p>Timestamps are wall time since the device was opened (monotonic clock), in microseconds.
 * {@link #next()} blocks until the camera delivers a frame.
 */
public final class CameraDeviceSource extends GrabberSource {

    private static final Logger LOG = Logger.getLogger(CameraDeviceSource.class);
    /** Used when the driver reports no frame rate. */
    static final double FALLBACK_FRAME_RATE = 30.0;

    private final long openedAtNanos;

    private CameraDeviceSource(String name, FrameGrabber grabber) {
        super(name, grabber, FALLBACK_FRAME_RATE);
        this.openedAtNanos = System.nanoTime();
    }

    /**
     * Opens a V4L2 device node such as {@code /dev/video0} through FFmpeg.
     *
     * @throws FrameSourceException if the node does not exist or the device cannot be started
     */
    public static CameraDeviceSource openPath(Path device, FrameSourceSettings options) throws FrameSourceException {
        if (!Files.exists(device)) {
            throw new FrameSourceException("camera device not found: " + device);
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(device.toString());
        grabber.setFormat("v4l2");
        return start("device:" + device, grabber, options);
    }

    /**
     * Opens an OpenCV camera index (0 is the first camera).
     *
     * @throws FrameSourceException if no camera answers at that index
     */
    public static CameraDeviceSource openIndex(int index, FrameSourceSettings options) throws FrameSourceException {
        if (index < 0) {
            throw new FrameSourceException("expected a camera index >= 0 but was " + index);
        }
        // OpenCVFrameGrabber.start() retries for about 10 s on a missing camera; a bare probe fails at once
        try (VideoCapture probe = new VideoCapture(index)) {
            if (!probe.isOpened()) {
                throw new FrameSourceException(
                        "no camera answers at OpenCV index " + index + " (device:" + index + ")");
            }
        } catch (RuntimeException e) {
            throw new FrameSourceException("cannot probe camera device:" + index + ": " + e.getMessage(), e);
        }
        return start("device:" + index, new OpenCVFrameGrabber(index), options);
    }

    private static CameraDeviceSource start(String name, FrameGrabber grabber, FrameSourceSettings options)
            throws FrameSourceException {
        if (options.deviceWidth() > 0) {
            grabber.setImageWidth(options.deviceWidth());
        }
        if (options.deviceHeight() > 0) {
            grabber.setImageHeight(options.deviceHeight());
        }
        if (options.deviceFrameRate() > 0) {
            grabber.setFrameRate(options.deviceFrameRate());
        }
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            closeQuietly(grabber, name);
            throw new FrameSourceException("cannot open camera " + name + ": " + e.getMessage(), e);
        }
        LOG.infof(
                "Opened camera %s: %dx%d at %.1f fps",
                name, grabber.getImageWidth(), grabber.getImageHeight(), grabber.getFrameRate());
        return new CameraDeviceSource(name, grabber);
    }

    @Override
    protected long timestampMicros(Frame frame) {
        return (System.nanoTime() - openedAtNanos) / 1_000;
    }

    @Override
    protected void logEnd() {
        LOG.warnf("Camera %s stopped delivering frames", name());
    }

    @Override
    protected String readError() {
        return "cannot read camera " + name();
    }
}
