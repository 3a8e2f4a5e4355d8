package io.motam.domain;

import java.util.Optional;

/** What a file sent from the camera to the gateway holds. Codes are wire values. */
public enum FileKind {
    /** A picture taken at an alert (JPEG or PNG). */
    SNAPSHOT(1),
    /** A camera log file. */
    LOG(2),
    /** The recogniser's model. */
    MODEL(3);

    private final int code;

    FileKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<FileKind> fromCode(int code) {
        for (FileKind k : values()) {
            if (k.code == code) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
