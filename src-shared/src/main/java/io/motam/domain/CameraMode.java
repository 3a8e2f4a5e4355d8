package io.motam.domain;

import java.util.Optional;

/** The camera's mode machine states (see docs/architecture.md). Codes are wire values. */
public enum CameraMode {
    ENROLLING(1),
    NORMAL(2),
    ALERT(3),
    BLOCKED(4),
    STOPPED(5);

    private final int code;

    CameraMode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<CameraMode> fromCode(int code) {
        for (CameraMode m : values()) {
            if (m.code == code) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
