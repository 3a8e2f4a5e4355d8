package io.motam.camera.vision.detect;

import org.bytedeco.opencv.opencv_core.Rect;

/**
 * An axis-aligned face rectangle in frame pixels.
 *
 * @param x      left edge
 * @param y      top edge
 * @param width  positive width
 * @param height positive height
 */
public record FaceBox(int x, int y, int width, int height) {

    public FaceBox {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("expected a positive size but was " + width + "x" + height);
        }
    }

    /** Area in square pixels. */
    public long area() {
        return (long) width * height;
    }

    /** Horizontal centre. */
    public double centreX() {
        return x + width / 2.0;
    }

    /** Vertical centre. */
    public double centreY() {
        return y + height / 2.0;
    }

    /** Right edge (exclusive). */
    public int right() {
        return x + width;
    }

    /** Bottom edge (exclusive). */
    public int bottom() {
        return y + height;
    }

    /** Area shared with another box, 0 when disjoint. */
    public long intersectionArea(FaceBox other) {
        long w = Math.min(right(), other.right()) - (long) Math.max(x, other.x);
        long h = Math.min(bottom(), other.bottom()) - (long) Math.max(y, other.y);
        return w <= 0 || h <= 0 ? 0 : w * h;
    }

    /** Intersection over union in [0, 1]: 1 for identical boxes, 0 for disjoint ones. */
    public double iou(FaceBox other) {
        long inter = intersectionArea(other);
        return inter == 0 ? 0.0 : (double) inter / (area() + other.area() - inter);
    }

    /** This box with every coordinate multiplied by {@code factor} (rounded), at least 1x1. */
    public FaceBox scaled(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("expected a positive finite factor but was " + factor);
        }
        int nx = (int) Math.round(x * factor);
        int ny = (int) Math.round(y * factor);
        int nr = (int) Math.round(right() * factor);
        int nb = (int) Math.round(bottom() * factor);
        return new FaceBox(nx, ny, Math.max(1, nr - nx), Math.max(1, nb - ny));
    }

    /** Native rectangle for OpenCV calls; the caller closes it. */
    public Rect toRect() {
        return new Rect(x, y, width, height);
    }
}
