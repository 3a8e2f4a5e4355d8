package io.motam.camera.vision.source;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.jboss.logging.Logger;

/**
 * Decodes a video file (any container/codec FFmpeg knows, e.g. h264 in mp4) frame by frame.
 *
 * <p>Timestamps are the decoder's media time of each frame, raised to the previous one where the
 * file would go backwards.
 */
public final class VideoFileSource extends GrabberSource {

    private static final Logger LOG = Logger.getLogger(VideoFileSource.class);
    /** Used when a file declares no usable frame rate. */
    static final double FALLBACK_FRAME_RATE = 25.0;

    static {
        // FFmpeg writes its own log to stderr; keep only real errors (e.g. "moov atom not found").
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private VideoFileSource(Path path, FFmpegFrameGrabber grabber) {
        super(path.toString(), grabber, FALLBACK_FRAME_RATE);
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
            closeQuietly(grabber, path.toString());
            throw new FrameSourceException("cannot open video " + path + ": " + e.getMessage(), e);
        }
        if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            closeQuietly(grabber, path.toString());
            throw new FrameSourceException("no video stream in " + path);
        }
        LOG.infof(
                "Opened video %s: %dx%d at %.2f fps, %d frames",
                path,
                grabber.getImageWidth(),
                grabber.getImageHeight(),
                grabber.getFrameRate(),
                grabber.getLengthInFrames());
        return new VideoFileSource(path, grabber);
    }

    @Override
    protected long timestampMicros(Frame frame) {
        return frame.timestamp;
    }

    @Override
    protected void logEnd() {
        LOG.debugf("End of video %s", name());
    }

    @Override
    protected String readError() {
        return "cannot decode video " + name();
    }
}
