package io.motam.protocol.message;

import io.motam.protocol.frame.FrameType;
import java.time.Instant;
import java.util.UUID;

/**
 * A numbered camera event: the gateway acknowledges it only after it is durable.
 * Payload: {@code kind u8} then the kind's fields (see {@link MessageCodec}). Each record names
 * its own {@link EventKind}: a new record must, and a new kind fails to compile until every
 * switch over the kinds handles it.
 */
public sealed interface Event extends Message permits ModeChanged, Recognition, Presence {

    /** Stable id, the same across resends. */
    UUID id();

    /** When the camera observed it (UTC). */
    Instant at();

    /** The kind byte that carries this record. */
    EventKind kind();

    @Override
    default FrameType frameType() {
        return FrameType.EVENT;
    }
}
