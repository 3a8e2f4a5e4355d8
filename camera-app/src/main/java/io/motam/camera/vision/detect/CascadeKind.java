package io.motam.camera.vision.detect;

import org.bytedeco.javacpp.Loader;

/**
 * The frontal-face cascades shipped inside the OpenCV platform jar. The jar keeps them under
 * {@code /org/bytedeco/opencv/<platform>/share/opencv4/}, where the platform is
 * {@link Loader#getPlatform()} (e.g. {@code linux-x86_64}, {@code linux-arm64}).
 */
public enum CascadeKind {

    /** Local binary patterns: about twice as fast as Haar with tighter boxes. The default. */
    LBP("lbpcascades/lbpcascade_frontalface_improved.xml"),

    /** Viola-Jones Haar features: slower, boxes about 1.5x larger than LBP's. */
    HAAR("haarcascades/haarcascade_frontalface_default.xml");

    private final String relativePath;

    CascadeKind(String relativePath) {
        this.relativePath = relativePath;
    }

    /** Class-path resource of this cascade for the running platform. */
    public String resourcePath() {
        return resourcePath(Loader.getPlatform());
    }

    /** Class-path resource of this cascade for a given platform string. */
    public String resourcePath(String platform) {
        return "/org/bytedeco/opencv/" + platform + "/share/opencv4/" + relativePath;
    }
}
