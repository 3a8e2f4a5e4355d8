package io.motam.protocol.message;

import io.motam.protocol.frame.FrameType;
import java.util.Objects;

/** Camera to gateway, first frame of a session: the protocol versions it speaks and its id. */
public record Hello(int minVersion, int maxVersion, String cameraId) implements Message {
    public Hello {
        if (minVersion < 1 || maxVersion < minVersion || maxVersion > 255) {
            throw new IllegalArgumentException(
                    "expected 1 <= minVersion <= maxVersion <= 255 but was " + minVersion + ".." + maxVersion);
        }
        Objects.requireNonNull(cameraId, "cameraId");
        Identifiers.requireId(cameraId, "cameraId");
    }

    @Override
    public FrameType frameType() {
        return FrameType.HELLO;
    }
}
