package io.motam.protocol.frame;

import java.util.Arrays;
import java.util.Objects;

/**
 * One frame on the link: a type, a sequence number (0 for unsequenced types) and a payload.
 * The payload array is copied in and out; a frame is immutable.
 */
public record Frame(FrameType type, long sequence, byte[] payload) {

    public Frame {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0 but was " + sequence);
        }
        if (!type.sequenced() && sequence != 0) {
            throw new IllegalArgumentException("expected sequence 0 for " + type + " but was " + sequence);
        }
        if (payload.length > FrameFormat.MAX_PAYLOAD_CEILING) {
            throw new IllegalArgumentException(
                    "payload of " + payload.length + " bytes is over the ceiling " + FrameFormat.MAX_PAYLOAD_CEILING);
        }
        payload = payload.clone();
    }

    public static Frame unsequenced(FrameType type, byte[] payload) {
        return new Frame(type, 0, payload);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int payloadLength() {
        return payload.length;
    }

    /** Length on the wire, header included. */
    public int wireLength() {
        return FrameFormat.HEADER_LENGTH + payload.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.type == type && f.sequence == sequence && Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, sequence, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "Frame[" + type + " seq=" + sequence + " len=" + payload.length + "]";
    }
}
