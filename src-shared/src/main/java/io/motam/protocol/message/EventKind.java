package io.motam.protocol.message;

import java.util.Optional;

/**
 * The kind byte of an EVENT payload, one per {@link Event} record. Every switch over it is
 * exhaustive (no {@code default}), so a new kind does not compile until the codec, the journal's
 * topic and every other switch handle it.
 */
public enum EventKind {
    /** {@link ModeChanged}. */
    MODE_CHANGED(1),
    /** {@link Recognition}. */
    RECOGNITION(2),
    /** {@link Presence}. */
    PRESENCE(3);

    private final int code;

    EventKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Total lookup: any int; empty for a kind this build does not know (a newer camera's). */
    public static Optional<EventKind> fromCode(int code) {
        for (EventKind k : values()) {
            if (k.code == code) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
