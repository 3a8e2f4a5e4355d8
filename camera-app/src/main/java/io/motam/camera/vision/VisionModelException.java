package io.motam.camera.vision;

import java.io.IOException;

/**
 * A cascade or recognition model cannot be found or is not a valid model. The message names the
 * file or class-path resource.
 */
public class VisionModelException extends IOException {

    private static final long serialVersionUID = 1L;

    public VisionModelException(String message) {
        super(message);
    }

    public VisionModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
