package io.motam.camera.recognition;

import java.util.Locale;

/**
 * The recognition engines, chosen by the one setting {@code motam.recognition.engine}; each lives
 * in its own package ({@code recognition.embedding}, {@code recognition.lbph}).
 */
public enum EngineKind {
    /** Deep face vectors from the ONNX files in {@code motam.recognition.model-dir}. */
    EMBEDDING,
    /** LBPH texture histograms; no model files. */
    LBPH;

    /** The setting's name of this engine ({@code embedding}, {@code lbph}). */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The engine named by a {@code motam.recognition.engine} value (case and surrounding blanks ignored).
     *
     * @throws IllegalArgumentException naming the key and the values it takes
     */
    public static EngineKind fromSetting(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "embedding" -> EMBEDDING;
            case "lbph" -> LBPH;
            default ->
                throw new IllegalArgumentException(
                        "expected motam.recognition.engine embedding or lbph but was \"" + value + "\"");
        };
    }
}
