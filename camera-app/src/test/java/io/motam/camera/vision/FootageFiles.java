package io.motam.camera.vision;

import java.nio.file.Path;

/** {@link Footage} for tests outside this package. */
public final class FootageFiles {
    public static final String FRANCK = Footage.FRANCK;
    public static final String STRANGER_A = Footage.STRANGER_A;
    public static final String STRANGER_B = Footage.STRANGER_B;

    private FootageFiles() {
    }

    public static Path dir() {
        return Footage.dir();
    }

    public static Path file(String name) {
        return Footage.file(name);
    }
}
