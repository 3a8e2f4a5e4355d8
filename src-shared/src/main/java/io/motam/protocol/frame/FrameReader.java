package io.motam.protocol.frame;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Reads whole frames from a blocking stream. The header is validated by {@link FrameDecoder}
 * before the payload is allocated, so a hostile length costs nothing.
 */
public final class FrameReader {
    private final InputStream in;
    private final FrameDecoder decoder;
    private final byte[] header = new byte[FrameFormat.HEADER_LENGTH];

    public FrameReader(InputStream in, int maxPayload) {
        this.in = in;
        this.decoder = new FrameDecoder(maxPayload);
    }

    /**
     * Reads the next frame.
     *
     * @return empty at a clean end of stream (between frames)
     * @throws TruncatedFrameException when the stream ends inside a frame
     * @throws ProtocolException       on a bad header
     */
    public Optional<Frame> read() throws IOException {
        int got = readFully(header, 0, header.length);
        if (got == 0) {
            return Optional.empty();
        }
        if (got < header.length) {
            throw new TruncatedFrameException(header.length, got);
        }
        FrameDecoder.Header h = decoder.readHeader(ByteBuffer.wrap(header), 0);
        byte[] payload = new byte[h.length()];
        int body = readFully(payload, 0, payload.length);
        if (body < payload.length) {
            throw new TruncatedFrameException(header.length + payload.length, header.length + body);
        }
        return Optional.of(Frame.adopt(h.type(), h.sequence(), payload));
    }

    /** Reads the next frame; the end of the stream is an {@link EOFException}. */
    public Frame readRequired() throws IOException {
        return read().orElseThrow(() -> new EOFException("link closed by peer"));
    }

    private int readFully(byte[] buf, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n = in.read(buf, off + total, len - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
