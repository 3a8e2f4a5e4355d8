package io.motam.camera.vision.source;

/**
 * A frame source cannot be opened or read: missing path, empty folder, corrupt video, missing or
 * lost camera device. The message always names the path or device.
 */
public class FrameSourceException extends Exception {

    private static final long serialVersionUID = 1L;

    public FrameSourceException(String message) {
        super(message);
    }

    public FrameSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
