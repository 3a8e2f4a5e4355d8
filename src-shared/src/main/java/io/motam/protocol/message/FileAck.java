package io.motam.protocol.message;

import io.motam.protocol.frame.FrameType;
import java.util.Objects;
import java.util.UUID;

/**
 * Gateway to camera: bytes {@code [0, durableOffset)} of the file are on the gateway's disk
 * (fsync). Sent in answer to a {@link FileOffer} (where to resume: 0 for a new file) and then
 * at checkpoints while chunks arrive. The camera sends from the offset of the answer; later acks
 * only tell it how much a reconnect would not have to send again.
 *
 * <pre>
 *  0                16
 *  +----------------+-------------------------+
 *  | fileId (uuid)  | durableOffset (u64, BE) |
 *  +----------------+-------------------------+
 * </pre>
 */
public record FileAck(UUID fileId, long durableOffset) implements Message {
    public static final int LENGTH = 16 + Long.BYTES;

    public FileAck {
        Objects.requireNonNull(fileId, "fileId");
        if (durableOffset < 0 || durableOffset > FileOffer.MAX_SIZE) {
            throw new IllegalArgumentException(
                    "expected an offset of 0.." + FileOffer.MAX_SIZE + " but was " + durableOffset);
        }
    }

    @Override
    public FrameType frameType() {
        return FrameType.FILE_ACK;
    }
}
