package io.motam.camera.vision;

/**
 * Opens a {@link FrameSource} from its spec string: {@code device:/dev/video0}, {@code device:0},
 * a folder of images, a video file, or a comma-separated list of those (a playlist). See
 * {@link FrameSourceSpec} for the grammar.
 */
public final class FrameSources {

    private FrameSources() {
    }

    /**
     * Parses and opens a spec.
     *
     * @throws FrameSourceException with a message naming the path or device when it is missing,
     *                              empty or cannot be decoded
     */
    public static FrameSource open(String spec, FrameSourceOptions options) throws FrameSourceException {
        return FrameSourceSpec.parse(spec).open(options);
    }

    /** Same as {@link #open(String, FrameSourceOptions)} with {@link FrameSourceOptions#defaults()}. */
    public static FrameSource open(String spec) throws FrameSourceException {
        return open(spec, FrameSourceOptions.defaults());
    }
}
