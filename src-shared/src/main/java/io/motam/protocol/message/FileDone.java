package io.motam.protocol.message;

import io.motam.protocol.frame.FrameType;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Gateway to camera: the transfer of a file is over.
 *
 * <pre>
 *  0                16
 *  +----------------+-----------+
 *  | fileId (uuid)  | status u8 |   0 OK, 1 HASH_MISMATCH, 2 REJECTED
 *  +----------------+-----------+
 * </pre>
 *
 * OK: the whole file is durable in the gateway's store and its SHA-256 matched; the camera may
 * delete its copy. HASH_MISMATCH: the bytes received do not hash to the offer's SHA-256; the
 * gateway dropped them and the camera may offer the file again from 0. REJECTED: the gateway
 * will not take this file (too large, not wanted); the camera drops it.
 */
public record FileDone(UUID fileId, Status status) implements Message {
    public static final int LENGTH = 16 + 1;

    public enum Status {
        OK(0),
        HASH_MISMATCH(1),
        REJECTED(2);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Optional<Status> fromCode(int code) {
            for (Status s : values()) {
                if (s.code == code) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    public FileDone {
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(status, "status");
    }

    @Override
    public FrameType frameType() {
        return FrameType.FILE_DONE;
    }
}
