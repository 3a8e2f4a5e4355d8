package io.motam.protocol.message;

import io.motam.domain.FileKind;
import io.motam.protocol.frame.FrameType;
import java.util.Objects;

/**
 * Gateway to camera (version 3): the answer to a {@link RestoreRequest} when the gateway keeps no
 * usable file of that kind for the camera (none stored, or the stored one fails its hash).
 *
 * <pre>
 *  0
 *  +-------+
 *  | kind  |   the kind asked for
 *  |  u8   |
 *  +-------+
 * </pre>
 */
public record RestoreNone(FileKind kind) implements Message {
    public static final int LENGTH = 1;

    public RestoreNone {
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public FrameType frameType() {
        return FrameType.RESTORE_NONE;
    }
}
