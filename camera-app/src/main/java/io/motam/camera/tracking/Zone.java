package io.motam.camera.tracking;

import io.motam.camera.vision.detect.FaceBox;

/**
 * The part of the frame where the subject has to be, as fractions of the frame:
 * {@code x, y} the top-left corner, {@code w, h} the size, all in [0, 1] with x + w <= 1 and
 * y + h <= 1. A face is in the zone when the centre of its box is (edges included).
 */
public record Zone(double x, double y, double w, double h) {
    /** The whole frame. */
    public static final Zone WHOLE_FRAME = new Zone(0, 0, 1, 1);

    private static final double SLACK = 1e-9;

    public Zone {
        if (!(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= 1 + SLACK && y + h <= 1 + SLACK)) {
            throw new IllegalArgumentException("expected a zone x,y,w,h of fractions with x+w <= 1 and y+h <= 1"
                    + " but was " + x + "," + y + "," + w + "," + h);
        }
    }

    /**
     * Parses {@code "x,y,w,h"} (the {@code motam.camera.zone} setting), e.g. {@code 0.25,0,0.5,1}.
     *
     * @throws IllegalArgumentException naming the text when it is not four fractions
     */
    public static Zone parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("expected motam.camera.zone as x,y,w,h but was \"" + text + "\"");
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "expected motam.camera.zone as four numbers x,y,w,h but was \"" + text + "\"");
            }
        }
        return new Zone(v[0], v[1], v[2], v[3]);
    }

    /** True when the centre of {@code box}, in a frame of the given size, lies in the zone. */
    public boolean contains(FaceBox box, int frameWidth, int frameHeight) {
        double cx = box.centreX() / frameWidth;
        double cy = box.centreY() / frameHeight;
        return cx >= x && cx <= x + w && cy >= y && cy <= y + h;
    }
}
