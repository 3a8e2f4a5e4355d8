package io.motam.domain;

import java.util.Locale;
import java.util.Optional;

/** Commands the gateway forwards to the camera. Codes are wire values. */
public enum CommandKind {
    STOP(1),
    RESUME(2),
    RELEASE(3);

    private final int code;

    CommandKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<CommandKind> fromCode(int code) {
        for (CommandKind k : values()) {
            if (k.code == code) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** Parses a topic or API name such as {@code stop}; empty for anything else. */
    public static Optional<CommandKind> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
