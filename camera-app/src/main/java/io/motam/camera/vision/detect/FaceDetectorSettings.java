package io.motam.camera.vision.detect;

/**
 * Tunables of {@link FaceDetector}. Face sizes are in pixels of the <em>working image</em>: the
 * frame itself, or the frame downscaled to {@code maxWidth} when it is wider.
 *
 * @param minFaceSize  smallest face searched for (the cascade's own window, 24 px, is the floor)
 * @param maxFaceSize  largest face searched for, 0 for no limit
 * @param scaleFactor  pyramid step between scanned scales, above 1 (1.1 = 10 % steps)
 * @param minNeighbors overlapping hits needed to keep a face; higher means fewer false faces
 * @param maxWidth     frames wider than this are downscaled before detection (boxes are scaled back)
 */
public record FaceDetectorSettings(
        int minFaceSize, int maxFaceSize, double scaleFactor, int minNeighbors, int maxWidth) {

    /** Default smallest face: 60 px, about 2.5 m from a 640x480 wide-angle camera. */
    public static final int DEFAULT_MIN_FACE_SIZE = 60;
    /** Default pyramid step. */
    public static final double DEFAULT_SCALE_FACTOR = 1.1;
    /** Default neighbours: OpenCV's usual 3. */
    public static final int DEFAULT_MIN_NEIGHBORS = 3;
    /** Default working width: VGA keeps a detection around 10 ms on x86 and a few tens on a Pi 4. */
    public static final int DEFAULT_MAX_WIDTH = 640;

    public FaceDetectorSettings {
        if (minFaceSize < 1) {
            throw new IllegalArgumentException("expected minFaceSize >= 1 but was " + minFaceSize);
        }
        if (maxFaceSize != 0 && maxFaceSize < minFaceSize) {
            throw new IllegalArgumentException(
                    "expected maxFaceSize 0 or >= minFaceSize " + minFaceSize + " but was " + maxFaceSize);
        }
        if (!(scaleFactor > 1.0) || scaleFactor > 4.0) {
            throw new IllegalArgumentException("expected scaleFactor in (1, 4] but was " + scaleFactor);
        }
        if (minNeighbors < 0) {
            throw new IllegalArgumentException("expected minNeighbors >= 0 but was " + minNeighbors);
        }
        if (maxWidth < 32) {
            throw new IllegalArgumentException("expected maxWidth >= 32 but was " + maxWidth);
        }
    }

    /** The defaults above, no maximum face size. */
    public static FaceDetectorSettings defaults() {
        return new FaceDetectorSettings(
                DEFAULT_MIN_FACE_SIZE, 0, DEFAULT_SCALE_FACTOR, DEFAULT_MIN_NEIGHBORS, DEFAULT_MAX_WIDTH);
    }

    /** These settings with another smallest face size. */
    public FaceDetectorSettings withMinFaceSize(int size) {
        return new FaceDetectorSettings(size, maxFaceSize, scaleFactor, minNeighbors, maxWidth);
    }
}
