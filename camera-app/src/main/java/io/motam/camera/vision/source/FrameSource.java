package io.motam.camera.vision.source;

import java.util.Optional;

/**
 * A stream of BGR frames: a video file, a folder of images, a camera or a playlist of those.
 *
 * <p>Sources are not thread-safe: one thread calls {@link #next()} and finally {@link #close()}.
 * Every returned {@link CapturedFrame} belongs to the caller (see its ownership rule).
 * Timestamps never decrease within one source.
 */
public interface FrameSource extends AutoCloseable {

    /**
     * Reads the next frame.
     *
     * @return the frame, or empty once the input has ended (and on every later call)
     * @throws FrameSourceException when the input cannot be read (corrupt data, device lost)
     */
    Optional<CapturedFrame> next() throws FrameSourceException;

    /** Nominal time between two frames in microseconds (from the frame rate or the configuration). */
    long frameIntervalMicros();

    /** Human-readable name (path or device spec) for logs. */
    String name();

    /** Releases the decoder or device. Idempotent; never throws. */
    @Override
    void close();
}
