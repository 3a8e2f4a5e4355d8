package io.motam.protocol.message;

import io.motam.domain.CommandKind;
import io.motam.protocol.frame.FrameType;
import java.util.Objects;

/** Gateway to camera: an operator's decision, already authorised by the gateway. */
public record Command(CommandKind kind, String correlationId) implements Message {
    public Command {
        Objects.requireNonNull(kind, "kind");
        Identifiers.requireId(correlationId, "correlationId");
    }

    @Override
    public FrameType frameType() {
        return FrameType.COMMAND;
    }
}
