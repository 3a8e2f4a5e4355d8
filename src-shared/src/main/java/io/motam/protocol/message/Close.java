package io.motam.protocol.message;

import io.motam.protocol.frame.FrameType;
import java.util.Objects;
import java.util.Optional;

/**
 * The sender is closing the session, with a coarse reason. Sent only to an authenticated peer;
 * an unauthenticated one learns nothing.
 */
public record Close(Reason reason) implements Message {

    public enum Reason {
        NORMAL(0),
        SHUTDOWN(1),
        VERSION_UNSUPPORTED(2),
        PROTOCOL_ERROR(3),
        ANOTHER_CAMERA_CONNECTED(4),
        NOT_AUTHORISED(5),
        KEEPALIVE_TIMEOUT(6),
        /** The gateway could not make a message durable (disk full, I/O error); try again later. */
        STORAGE_FAILURE(7),
        /** A newer connection of the same camera replaced this one. */
        SUPERSEDED(8);

        private final int code;

        Reason(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Optional<Reason> fromCode(int code) {
            for (Reason r : values()) {
                if (r.code == code) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }
    }

    public Close {
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public FrameType frameType() {
        return FrameType.CLOSE;
    }
}
