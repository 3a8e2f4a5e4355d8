package io.motam.camera.recognition.lbph;

/**
 * The nearest enrolled sample to a face.
 *
 * @param label    label of the nearest sample, -1 when the model could not match at all
 * @param distance chi-square LBPH distance to it; smaller is more alike, 0 for an identical sample
 */
public record Prediction(int label, double distance) {

    public Prediction {
        if (Double.isNaN(distance) || distance < 0) {
            throw new IllegalArgumentException("expected a distance >= 0 but was " + distance);
        }
    }

    /** True when a label was found and its distance is at most {@code threshold}. */
    public boolean within(double threshold) {
        return label >= 0 && distance <= threshold;
    }
}
