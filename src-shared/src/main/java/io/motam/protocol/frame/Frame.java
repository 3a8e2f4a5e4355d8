package io.motam.protocol.frame;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * One frame on the link: a type, a sequence number (0 for unsequenced types) and a payload.
 * Immutable: the payload is copied in by the public constructor and out by {@link #payload()};
 * {@link #payloadView()} is a read-only view without a copy.
 *
 * <p>Not a record on purpose: {@link FrameReader} hands over the array it has just read into
 * ({@link #adopt}), so a 64 KiB file chunk is not copied once more on its way in.
 */
public final class Frame {
    private final FrameType type;
    private final long sequence;
    private final byte[] payload;

    public Frame(FrameType type, long sequence, byte[] payload) {
        this(Objects.requireNonNull(payload, "payload").clone(), type, sequence);
    }

    /** Takes {@code owned} as it is: only for arrays nobody else holds. */
    private Frame(byte[] owned, FrameType type, long sequence) {
        Objects.requireNonNull(type, "type");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0 but was " + sequence);
        }
        if (!type.sequenced() && sequence != 0) {
            throw new IllegalArgumentException("expected sequence 0 for " + type + " but was " + sequence);
        }
        if (owned.length > FrameFormat.MAX_PAYLOAD_CEILING) {
            throw new IllegalArgumentException(
                    "payload of " + owned.length + " bytes is over the ceiling " + FrameFormat.MAX_PAYLOAD_CEILING);
        }
        this.type = type;
        this.sequence = sequence;
        this.payload = owned;
    }

    /** A frame over an array nobody else holds (a fresh read buffer): no copy. */
    static Frame adopt(FrameType type, long sequence, byte[] fresh) {
        return new Frame(fresh, type, sequence);
    }

    public static Frame unsequenced(FrameType type, byte[] payload) {
        return new Frame(type, 0, payload);
    }

    public FrameType type() {
        return type;
    }

    public long sequence() {
        return sequence;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload as a read-only view, without a copy (for decoders). */
    public ByteBuffer payloadView() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer();
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
