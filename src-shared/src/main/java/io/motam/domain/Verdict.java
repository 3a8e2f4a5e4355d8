package io.motam.domain;

import java.util.Optional;

/** The outcome of one recognition check. Codes are wire values. */
public enum Verdict {
    /** One face, recognised as the authorised subject. */
    KNOWN(1),
    /** One face, not the authorised subject (distance over the threshold). */
    UNKNOWN(2),
    /** No face in the frame. */
    NO_FACE(3),
    /** Several faces: the subject cannot be told apart. */
    SEVERAL_FACES(4);

    private final int code;

    Verdict(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<Verdict> fromCode(int code) {
        for (Verdict v : values()) {
            if (v.code == code) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
