package io.motam.camera.vision.source;

import io.motam.camera.vision.BgrMats;
import java.util.Optional;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.jboss.logging.Logger;

/**
 * The part of {@link CameraDeviceSource} and {@link VideoFileSource} that reads a started JavaCV
 * {@link FrameGrabber}: grabs and converts one image per {@link #next()}, hands out a BGR copy (the
 * converter's output reuses one native buffer), keeps timestamps from going backwards, ends at the
 * first missing or empty image and closes the grabber once.
 *
 * <p>Subclasses open and start the grabber and supply the clock, the end-of-input log line and the
 * wording of read errors.
 */
abstract class GrabberSource implements FrameSource {

    private static final Logger LOG = Logger.getLogger(GrabberSource.class);

    private final String name;
    private final FrameGrabber grabber;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private final long frameIntervalMicros;
    private long lastTimestamp;
    private boolean ended;
    private boolean closed;

    /**
     * Takes over a started grabber.
     *
     * @param name              the source's {@link #name()}, also the origin of its frames
     * @param grabber           a started grabber; this source closes it
     * @param fallbackFrameRate frames per second assumed when the grabber reports no rate in (0, 1000)
     */
    GrabberSource(String name, FrameGrabber grabber, double fallbackFrameRate) {
        this.name = name;
        this.grabber = grabber;
        double rate = grabber.getFrameRate();
        this.frameIntervalMicros = Math.round(1_000_000 / (rate > 0 && rate < 1_000 ? rate : fallbackFrameRate));
    }

    /**
     * Timestamp of a frame just grabbed, in microseconds, before it is raised to the previous one.
     */
    protected abstract long timestampMicros(Frame frame);

    /** Logs that the input delivered no more images; called once. */
    protected abstract void logEnd();

    /**
     * Start of the message of a {@link FrameSourceException} from a failed read, naming the source;
     * the cause's message follows after {@code ": "}.
     */
    protected abstract String readError();

    @Override
    public Optional<CapturedFrame> next() throws FrameSourceException {
        if (closed) {
            throw new IllegalStateException("expected an open source but " + name + " is closed");
        }
        if (ended) {
            return Optional.empty();
        }
        try {
            // FFmpegFrameGrabber.grab() also returns audio frames; grabImage() skips them
            Frame frame = grabber instanceof FFmpegFrameGrabber ffmpeg ? ffmpeg.grabImage() : grabber.grab();
            Mat view = frame == null ? null : converter.convert(frame);
            if (view == null || view.empty()) {
                ended = true;
                logEnd();
                return Optional.empty();
            }
            long timestamp = Math.max(lastTimestamp, timestampMicros(frame)); // never backwards, never negative
            lastTimestamp = timestamp;
            return Optional.of(new CapturedFrame(BgrMats.copyAsBgr(view), timestamp, name));
        } catch (FrameGrabber.Exception | RuntimeException e) {
            ended = true;
            throw new FrameSourceException(readError() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long frameIntervalMicros() {
        return frameIntervalMicros;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(grabber, name);
        converter.close();
    }

    /** Closes the grabber of source {@code name}; an error is logged at debug level, not thrown. */
    static void closeQuietly(FrameGrabber grabber, String name) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            LOG.debugf("Ignoring error while closing the grabber of %s: %s", name, e.getMessage());
        }
    }
}
