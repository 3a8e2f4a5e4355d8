package io.motam.domain;

import java.util.Optional;

/** What tracking says about the authorised subject's place. Codes are wire values. */
public enum PresenceState {
    /** The subject appeared (a track recognised as the subject, inside the zone). */
    PRESENT(1),
    /** No subject for longer than the absence timeout. */
    ABSENT(2),
    /** The subject is seen but outside the configured zone of the frame. */
    OUT_OF_ZONE(3),
    /** A face cannot be read: several faces, or none for a while. */
    UNREADABLE(4);

    private final int code;

    PresenceState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<PresenceState> fromCode(int code) {
        for (PresenceState s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
