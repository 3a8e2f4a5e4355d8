package io.motam.protocol.message;

import io.motam.domain.CommandKind;
import io.motam.protocol.frame.FrameType;
import java.util.Objects;

/**
 * Gateway to camera: an operator's decision, already authorised by the gateway. A RELEASE
 * carries, from protocol version 4, the camera's new release epoch (see {@link Welcome}); 0 means
 * none (other commands, older sessions).
 */
public record Command(CommandKind kind, String correlationId, long releaseEpoch) implements Message {
    public Command {
        Objects.requireNonNull(kind, "kind");
        Identifiers.requireId(correlationId, "correlationId");
        if (releaseEpoch < 0 || (releaseEpoch > 0 && kind != CommandKind.RELEASE)) {
            throw new IllegalArgumentException(
                    "expected a release epoch >= 0, only on RELEASE, but was " + kind + " " + releaseEpoch);
        }
    }

    public Command(CommandKind kind, String correlationId) {
        this(kind, correlationId, 0);
    }

    /** This command as a session of {@code version} carries it (no epoch before version 4). */
    public Command forVersion(int version) {
        return version >= 4 || releaseEpoch == 0 ? this : new Command(kind, correlationId, 0);
    }

    @Override
    public FrameType frameType() {
        return FrameType.COMMAND;
    }
}
