package io.motam.camera.vision.source;

import java.util.concurrent.TimeUnit;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.jboss.logging.Logger;

/**
 * Live frames from a network stream FFmpeg reads by URL: {@code tcp://127.0.0.1:8888} (for
 * example {@code rpicam-vid --listen -o tcp://127.0.0.1:8888} on a Pi camera module), a
 * listening {@code tcp://0.0.0.0:8888?listen}, {@code udp://0.0.0.0:5000}, {@code rtsp://…}.
 *
 * <p>Opening and every read give up after {@link #IO_TIMEOUT_MICROS} without data (FFmpeg's
 * {@code rw_timeout}/{@code timeout}; {@code listen_timeout} for a listening URL), so a silent
 * stream fails or ends instead of hanging, and the camera loop reopens it with its backoff.
 * Timestamps are wall time since the stream was opened (monotonic clock), in microseconds.
 */
public final class StreamSource extends GrabberSource {

    private static final Logger LOG = Logger.getLogger(StreamSource.class);
    /** Used when the stream declares no frame rate. */
    static final double FALLBACK_FRAME_RATE = 30.0;
    /** Longest wait for data when opening or reading. */
    static final long IO_TIMEOUT_MICROS = TimeUnit.SECONDS.toMicros(10);

    private final long openedAtNanos;

    private StreamSource(String name, FFmpegFrameGrabber grabber) {
        super(name, grabber, FALLBACK_FRAME_RATE);
        this.openedAtNanos = System.nanoTime();
    }

    /**
     * Connects to (or, for a listening URL, waits for) the stream and reads its header.
     *
     * @throws FrameSourceException if nothing answers within the timeout or the data is not a video
     */
    public static StreamSource open(String url) throws FrameSourceException {
        String name = FrameSourceSpec.STREAM_PREFIX + url;
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(url);
        grabber.setOption("rw_timeout", Long.toString(IO_TIMEOUT_MICROS));
        grabber.setOption("timeout", Long.toString(IO_TIMEOUT_MICROS));
        grabber.setOption("listen_timeout", Long.toString(IO_TIMEOUT_MICROS / 1_000));
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            closeQuietly(grabber, name);
            throw new FrameSourceException("cannot open stream " + url + ": " + e.getMessage(), e);
        }
        if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            closeQuietly(grabber, name);
            throw new FrameSourceException("no video in stream " + url);
        }
        LOG.infof(
                "Opened stream %s: %dx%d (%s)",
                url, grabber.getImageWidth(), grabber.getImageHeight(), grabber.getFormat());
        return new StreamSource(name, grabber);
    }

    @Override
    protected long timestampMicros(Frame frame) {
        return (System.nanoTime() - openedAtNanos) / 1_000;
    }

    @Override
    protected void logEnd() {
        LOG.warnf("Stream %s ended", name());
    }

    @Override
    protected String readError() {
        return "cannot read stream " + name();
    }
}
