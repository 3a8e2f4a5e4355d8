package io.motam.protocol.message;

import io.motam.protocol.frame.ProtocolException;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * An EVENT whose header (kind, id, time) reads well but whose kind this build does not know: a
 * newer camera's event. The gateway skips it and acknowledges it (see docs/protocol.md, "Event
 * kinds a gateway does not know"); anywhere else it is bad input like any other.
 */
public final class UnknownEventException extends ProtocolException {
    private final int kind;
    private final UUID id;
    private final Instant at;

    public UnknownEventException(int kind, UUID id, Instant at) {
        super("expected an event kind of " + Arrays.toString(codes()) + " but was " + kind + " (event " + id + ")");
        this.kind = kind;
        this.id = id;
        this.at = at;
    }

    private static int[] codes() {
        return Arrays.stream(EventKind.values()).mapToInt(EventKind::code).toArray();
    }

    /** The unknown kind byte. */
    public int kind() {
        return kind;
    }

    /** The event's stable id. */
    public UUID id() {
        return id;
    }

    /** When the camera observed it. */
    public Instant at() {
        return at;
    }
}
