package io.motam.camera.recognition;

import io.motam.domain.Verdict;
import java.util.Objects;

/**
 * The raw outcome of one recognition check, before {@link Agreement}.
 *
 * @param verdict   KNOWN/UNKNOWN for one face, NO_FACE or SEVERAL_FACES otherwise
 * @param distance  the engine's distance (lower is more alike), NaN when no single face was measured
 * @param threshold the threshold in force
 * @param faces     faces in the frame
 */
public record Sighting(Verdict verdict, double distance, double threshold, int faces) {
    public Sighting {
        Objects.requireNonNull(verdict, "verdict");
        if (faces < 0) {
            throw new IllegalArgumentException("expected faces >= 0 but was " + faces);
        }
    }

    /** A check that did not see exactly one face. */
    public static Sighting unreadable(int faces, double threshold) {
        return new Sighting(faces == 0 ? Verdict.NO_FACE : Verdict.SEVERAL_FACES, Double.NaN, threshold, faces);
    }

    /** True for a check of exactly one face. */
    public boolean isFace() {
        return verdict == Verdict.KNOWN || verdict == Verdict.UNKNOWN;
    }
}
