package io.motam.camera.vision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.jboss.logging.Logger;

/**
 * Decodes a video file (any container/codec FFmpeg knows, e.g. h264 in mp4) frame by frame.
 *
 * <p>Timestamps are the decoder's media time of each frame. The converter's output reuses one
 * native buffer, so every frame is copied before it is handed out.
 */
public final class VideoFileSource implements FrameSource {

    private static final Logger LOG = Logger.getLogger(VideoFileSource.class);
    /** Used when a file declares no usable frame rate. */
    static final double FALLBACK_FRAME_RATE = 25.0;

    static {
        // FFmpeg writes its own log to stderr; keep only real errors (e.g. "moov atom not found").
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private final Path path;
    private final FFmpegFrameGrabber grabber;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private final long frameIntervalMicros;
    private long lastTimestamp;
    private boolean ended;
    private boolean closed;

    private VideoFileSource(Path path, FFmpegFrameGrabber grabber) {
        this.path = path;
        this.grabber = grabber;
        double rate = grabber.getFrameRate();
        this.frameIntervalMicros = Math.round(1_000_000 / (rate > 0 && rate < 1_000 ? rate : FALLBACK_FRAME_RATE));
    }

    /**
     * Opens a video file and reads its header.
     *
     * @throws FrameSourceException if the file is missing, unreadable or not a decodable video
     */
    public static VideoFileSource open(Path path) throws FrameSourceException {
        if (!Files.isRegularFile(path)) {
            throw new FrameSourceException("video file not found: " + path);
        }
        if (!Files.isReadable(path)) {
            throw new FrameSourceException("video file not readable: " + path);
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(path.toFile());
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            closeQuietly(grabber);
            throw new FrameSourceException("cannot open video " + path + ": " + e.getMessage(), e);
        }
        if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            closeQuietly(grabber);
            throw new FrameSourceException("no video stream in " + path);
        }
        LOG.infof("Opened video %s: %dx%d at %.2f fps, %d frames", path, grabber.getImageWidth(),
                grabber.getImageHeight(), grabber.getFrameRate(), grabber.getLengthInFrames());
        return new VideoFileSource(path, grabber);
    }

    @Override
    public Optional<CapturedFrame> next() throws FrameSourceException {
        if (closed) {
            throw new IllegalStateException("expected an open source but " + path + " is closed");
        }
        if (ended) {
            return Optional.empty();
        }
        try {
            Frame frame = grabber.grabImage();
            Mat view = frame == null ? null : converter.convert(frame);
            if (view == null || view.empty()) {
                ended = true;
                LOG.debugf("End of video %s", path);
                return Optional.empty();
            }
            long timestamp = Math.max(lastTimestamp, frame.timestamp); // never backwards, never negative
            lastTimestamp = timestamp;
            return Optional.of(new CapturedFrame(BgrMats.copyAsBgr(view), timestamp, path.toString()));
        } catch (FrameGrabber.Exception | RuntimeException e) {
            ended = true;
            throw new FrameSourceException("cannot decode video " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long frameIntervalMicros() {
        return frameIntervalMicros;
    }

    @Override
    public String name() {
        return path.toString();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(grabber);
        converter.close();
    }

    private static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            LOG.debugf("Ignoring error while closing a video grabber: %s", e.getMessage());
        }
    }
}
