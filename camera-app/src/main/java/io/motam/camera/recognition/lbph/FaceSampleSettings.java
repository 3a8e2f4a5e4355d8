package io.motam.camera.recognition.lbph;

/**
 * How {@link FaceSampler} turns a detected box into a recognition sample. The defaults were
 * chosen on the test footage (see {@code FaceRecognitionFootageTest}) for LBP-cascade boxes:
 * cropping the central 75 % of the box, moved up by 5 % of its height, drops hair, background
 * and chin, keeps eyes, nose and mouth, and widened the gap between the owner's and a stranger's
 * LBPH distances from about 9 % to about 23 %.
 *
 * @param size            side of the square sample in pixels
 * @param innerFraction   fraction of the box's width and height kept, centred, in (0, 1]
 * @param upwardShift     upward move of the crop as a fraction of the box height, in [-0.5, 0.5]
 * @param clahe           contrast-limited adaptive equalisation (true) or a global one (false)
 * @param claheClipLimit  CLAHE contrast limit
 * @param claheTiles      CLAHE tiles per side
 */
public record FaceSampleSettings(
        int size, double innerFraction, double upwardShift, boolean clahe, double claheClipLimit, int claheTiles) {

    /** Default sample side: 80 px. */
    public static final int DEFAULT_SIZE = 80;
    /** Default kept fraction of the box. */
    public static final double DEFAULT_INNER_FRACTION = 0.75;
    /** Default upward shift. */
    public static final double DEFAULT_UPWARD_SHIFT = 0.05;
    /** Default CLAHE limit. */
    public static final double DEFAULT_CLAHE_CLIP_LIMIT = 2.0;
    /** Default CLAHE grid: 4x4 tiles of 20 px on an 80 px sample. */
    public static final int DEFAULT_CLAHE_TILES = 4;

    public FaceSampleSettings {
        if (size < 16 || size > 512) {
            throw new IllegalArgumentException("expected size in [16, 512] but was " + size);
        }
        if (!(innerFraction > 0) || innerFraction > 1) {
            throw new IllegalArgumentException("expected innerFraction in (0, 1] but was " + innerFraction);
        }
        if (!(upwardShift >= -0.5 && upwardShift <= 0.5)) {
            throw new IllegalArgumentException("expected upwardShift in [-0.5, 0.5] but was " + upwardShift);
        }
        if (!(claheClipLimit > 0) || Double.isInfinite(claheClipLimit)) {
            throw new IllegalArgumentException("expected claheClipLimit > 0 but was " + claheClipLimit);
        }
        if (claheTiles < 1 || claheTiles > size) {
            throw new IllegalArgumentException("expected claheTiles in [1, " + size + "] but was " + claheTiles);
        }
    }

    /** The defaults above, with CLAHE. */
    public static FaceSampleSettings defaults() {
        return new FaceSampleSettings(
                DEFAULT_SIZE,
                DEFAULT_INNER_FRACTION,
                DEFAULT_UPWARD_SHIFT,
                true,
                DEFAULT_CLAHE_CLIP_LIMIT,
                DEFAULT_CLAHE_TILES);
    }
}
