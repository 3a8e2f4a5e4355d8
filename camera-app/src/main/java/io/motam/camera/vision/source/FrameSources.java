package io.motam.camera.vision.source;

import java.util.Arrays;

/**
 * Opens a {@link FrameSource} from its spec string: {@code device:/dev/video0}, {@code device:0},
 * a folder of images, a video file, or a comma-separated list of those (a playlist), a network
 * stream ({@code stream:tcp://127.0.0.1:8888}) or a program's output
 * ({@code command:rpicam-vid -t 0 -n --codec mjpeg -o -}). See
 * {@link FrameSourceSpec} for the grammar.
 */
public final class FrameSources {

    private FrameSources() {}

    /**
     * Parses and opens a spec.
     *
     * @throws FrameSourceException with a message naming the path or device when it is missing,
     *                              empty or cannot be decoded
     */
    public static FrameSource open(String spec, FrameSourceSettings options) throws FrameSourceException {
        return FrameSourceSpec.parse(spec).open(options);
    }

    /**
     * True when the spec names a camera, stream or command, or a playlist with a camera (retried
     * when it fails or ends); false for files and folders. A spec that does not parse (a camera
     * not plugged in yet) is live when it starts with one of the live prefixes.
     */
    public static boolean live(String spec) {
        try {
            return FrameSourceSpec.parse(spec).live();
        } catch (FrameSourceException e) {
            if (spec == null) {
                return false;
            }
            String s = spec.strip();
            return s.startsWith(FrameSourceSpec.STREAM_PREFIX)
                    || s.startsWith(FrameSourceSpec.COMMAND_PREFIX)
                    || Arrays.stream(s.split(",")).anyMatch(i -> i.strip().startsWith(FrameSourceSpec.DEVICE_PREFIX));
        }
    }

    /** Same as {@link #open(String, FrameSourceSettings)} with {@link FrameSourceSettings#defaults()}. */
    public static FrameSource open(String spec) throws FrameSourceException {
        return open(spec, FrameSourceSettings.defaults());
    }
}
