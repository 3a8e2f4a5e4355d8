package io.motam.protocol.message;

import io.motam.domain.FileKind;
import io.motam.protocol.frame.FrameType;
import java.util.Objects;

/**
 * Camera to gateway (version 3): "send me the last file of this kind you keep for me", sent once
 * after WELCOME. The gateway answers with a {@link RestoreOffer} and its {@link RestoreChunk}s, or
 * with {@link RestoreNone}.
 *
 * <pre>
 *  0
 *  +-------+
 *  | kind  |   1 SNAPSHOT, 2 LOG, 3 MODEL (only MODEL is answered with a file today)
 *  |  u8   |
 *  +-------+
 * </pre>
 */
public record RestoreRequest(FileKind kind) implements Message {
    public static final int LENGTH = 1;

    public RestoreRequest {
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public FrameType frameType() {
        return FrameType.RESTORE_REQUEST;
    }
}
