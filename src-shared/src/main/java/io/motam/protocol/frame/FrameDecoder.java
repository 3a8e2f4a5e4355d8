package io.motam.protocol.frame;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Decodes frames from a buffer that may hold a partial frame.
 *
 * <pre>
 *  0         1         2                              10                  14
 *  +---------+---------+------------------------------+-------------------+-----------------+
 *  | version |  type   |  sequence (u64, big endian)  | length (u32, BE)  | payload[length] |
 *  +---------+---------+------------------------------+-------------------+-----------------+
 * </pre>
 *
 * The header is checked completely (version, type, sequence rule, length against the limit)
 * before a payload array is allocated. Too few bytes is "not yet" (an empty result, the buffer
 * position untouched); a bad header raises a {@link ProtocolException} and consumes nothing.
 */
public final class FrameDecoder {
    private final int maxPayload;

    public FrameDecoder(int maxPayload) {
        if (maxPayload < 0 || maxPayload > FrameFormat.MAX_PAYLOAD_CEILING) {
            throw new IllegalArgumentException(
                    "maxPayload must be within 0.." + FrameFormat.MAX_PAYLOAD_CEILING + " but was " + maxPayload);
        }
        this.maxPayload = maxPayload;
    }

    public int maxPayload() {
        return maxPayload;
    }

    /** Decodes one frame from {@code in} if it holds a whole one; advances past it only then. */
    public Optional<Frame> decode(ByteBuffer in) throws ProtocolException {
        if (in.remaining() < FrameFormat.HEADER_LENGTH) {
            return Optional.empty();
        }
        int start = in.position();
        Header header = readHeader(in, start);
        if (in.remaining() < FrameFormat.HEADER_LENGTH + header.length()) {
            return Optional.empty();
        }
        byte[] payload = new byte[header.length()];
        in.position(start + FrameFormat.HEADER_LENGTH);
        in.get(payload);
        return Optional.of(Frame.adopt(header.type(), header.sequence(), payload));
    }

    /** Validates a header at absolute index {@code at}; does not move the buffer. */
    Header readHeader(ByteBuffer in, int at) throws ProtocolException {
        int version = in.get(at) & 0xFF;
        if (version != FrameFormat.VERSION) {
            throw new CorruptFrameException("expected frame version " + FrameFormat.VERSION + " but was " + version);
        }
        int code = in.get(at + FrameFormat.VERSION_LENGTH) & 0xFF;
        FrameType type = FrameType.fromCode(code)
                .orElseThrow(() -> new CorruptFrameException("unknown frame type 0x" + Integer.toHexString(code)));
        long sequence = in.getLong(at + FrameFormat.VERSION_LENGTH + FrameFormat.TYPE_LENGTH);
        if (sequence < 0) {
            throw new CorruptFrameException(
                    "expected a sequence number below 2^63 but was " + Long.toUnsignedString(sequence));
        }
        if (!type.sequenced() && sequence != 0) {
            throw new CorruptFrameException("expected sequence 0 for " + type + " but was " + sequence);
        }
        long length =
                Integer.toUnsignedLong(in.getInt(at + FrameFormat.HEADER_LENGTH - FrameFormat.LENGTH_FIELD_LENGTH));
        if (length > maxPayload) {
            throw new FrameTooLongException(length, maxPayload);
        }
        return new Header(type, sequence, (int) length);
    }

    record Header(FrameType type, long sequence, int length) {}
}
